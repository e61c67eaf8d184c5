// Test support for the image tests: the fixture images' bytes (paths come from CMake, see
// src/image/CMakeLists.txt) and in-place edits of their ELF structures, located independently of
// ElfImage through the section headers and program headers.

#ifndef CONFIDANT_IMAGE_TESTDATA_FIXTURES_H_
#define CONFIDANT_IMAGE_TESTDATA_FIXTURES_H_

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "common/bytes.h"

namespace confidant::image::fixtures {

inline Bytes Read(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) ADD_FAILURE() << "cannot read fixture " << path;
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline Bytes Minimal() { return Read(CONFIDANT_FIXTURE_ENCLAVE_MINIMAL); }
inline Bytes SysvHash() { return Read(CONFIDANT_FIXTURE_ENCLAVE_SYSV_HASH); }
inline Bytes Data() { return Read(CONFIDANT_FIXTURE_ENCLAVE_DATA); }
inline Bytes NotAnEnclave() { return Read(CONFIDANT_FIXTURE_NOT_AN_ENCLAVE); }

template <typename T>
T Get(const Bytes& b, size_t offset) {
  T out;
  std::memcpy(&out, b.data() + offset, sizeof(T));
  return out;
}

template <typename T>
void Put(Bytes& b, size_t offset, const T& value) {
  std::memcpy(b.data() + offset, &value, sizeof(T));
}

inline Elf64_Ehdr Header(const Bytes& b) { return Get<Elf64_Ehdr>(b, 0); }

// The file offset of the `nth` program header of type `type`; 0 (and a test failure) if none.
inline size_t PhdrOffset(const Bytes& b, uint32_t type, int nth = 0) {
  Elf64_Ehdr h = Header(b);
  for (size_t i = 0; i < h.e_phnum; ++i) {
    size_t at = h.e_phoff + i * sizeof(Elf64_Phdr);
    if (Get<Elf64_Phdr>(b, at).p_type == type && nth-- == 0) return at;
  }
  ADD_FAILURE() << "no program header of type " << type;
  return 0;
}

inline Elf64_Phdr Phdr(const Bytes& b, uint32_t type, int nth = 0) {
  return Get<Elf64_Phdr>(b, PhdrOffset(b, type, nth));
}

// Edits the `nth` program header of type `type`.
template <typename Edit>
void EditPhdr(Bytes& b, uint32_t type, int nth, Edit edit) {
  size_t at = PhdrOffset(b, type, nth);
  Elf64_Phdr p = Get<Elf64_Phdr>(b, at);
  edit(p);
  Put(b, at, p);
}

// The file offset of the PT_LOAD segment that maps image offset `vaddr`.
inline size_t FileOffsetOf(const Bytes& b, uint64_t vaddr) {
  Elf64_Ehdr h = Header(b);
  for (size_t i = 0; i < h.e_phnum; ++i) {
    auto p = Get<Elf64_Phdr>(b, h.e_phoff + i * sizeof(Elf64_Phdr));
    if (p.p_type == PT_LOAD && vaddr >= p.p_vaddr && vaddr < p.p_vaddr + p.p_filesz) {
      return p.p_offset + vaddr - p.p_vaddr;
    }
  }
  ADD_FAILURE() << "no PT_LOAD maps " << vaddr;
  return 0;
}

// The file offset of the first dynamic entry with `tag`; 0 (and a test failure) if none.
inline size_t DynamicEntryOffset(const Bytes& b, int64_t tag) {
  Elf64_Phdr d = Phdr(b, PT_DYNAMIC);
  for (size_t at = d.p_offset; at + sizeof(Elf64_Dyn) <= d.p_offset + d.p_filesz;
       at += sizeof(Elf64_Dyn)) {
    if (Get<Elf64_Dyn>(b, at).d_tag == tag) return at;
  }
  ADD_FAILURE() << "no dynamic entry " << tag;
  return 0;
}

// The file offset of the .dynsym entry named `name`, found through the section headers.
inline size_t DynsymOffset(const Bytes& b, std::string_view name) {
  Elf64_Ehdr h = Header(b);
  for (size_t i = 0; i < h.e_shnum; ++i) {
    auto sh = Get<Elf64_Shdr>(b, h.e_shoff + i * sizeof(Elf64_Shdr));
    if (sh.sh_type != SHT_DYNSYM) continue;
    auto strtab = Get<Elf64_Shdr>(b, h.e_shoff + sh.sh_link * sizeof(Elf64_Shdr));
    for (size_t at = sh.sh_offset; at < sh.sh_offset + sh.sh_size; at += sizeof(Elf64_Sym)) {
      auto sym = Get<Elf64_Sym>(b, at);
      const char* text = reinterpret_cast<const char*>(b.data() + strtab.sh_offset + sym.st_name);
      if (name == text) return at;
    }
  }
  ADD_FAILURE() << "no dynamic symbol " << name;
  return 0;
}

}  // namespace confidant::image::fixtures

#endif  // CONFIDANT_IMAGE_TESTDATA_FIXTURES_H_
