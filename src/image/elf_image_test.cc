// ElfImage on real shared objects built by CMake (testdata/), and refusal of each malformation,
// made by editing one field of a fixture.

#include "image/elf_image.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "confidant/abi.h"
#include "image/testdata/fixtures.h"

namespace confidant::image {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The error Parse gives `bytes`; fails the test if it parses.
std::string ParseError(const Bytes& bytes) {
  Result<ElfImage> image = ElfImage::Parse(bytes);
  EXPECT_FALSE(image.ok());
  if (image.ok()) return "";
  EXPECT_EQ(image.status().code(), StatusCode::kInvalidArgument);
  return std::string(image.status().message());
}

TEST(ElfImageTest, MinimalImageSegmentsMatchItsProgramHeaders) {
  Bytes elf = fixtures::Minimal();
  Result<ElfImage> image = ElfImage::Parse(elf);
  ASSERT_TRUE(image.ok()) << image.status();
  const auto& segments = image->load_segments();
  ASSERT_GE(segments.size(), 2u);
  for (size_t i = 0; i < segments.size(); ++i) {
    Elf64_Phdr p = fixtures::Phdr(elf, PT_LOAD, static_cast<int>(i));
    EXPECT_EQ(segments[i], (LoadSegment{p.p_offset, p.p_vaddr, p.p_filesz, p.p_memsz, p.p_flags}));
    EXPECT_FALSE(segments[i].writable() && segments[i].executable());
    if (i > 0) {
      EXPECT_GE(segments[i].page_begin(), segments[i - 1].page_end());
    }
  }
  EXPECT_EQ(segments.front().offset, 0u);
  EXPECT_EQ(image->span(), segments.back().page_end());
  EXPECT_EQ(image->span() % 4096, 0u);
  EXPECT_FALSE(image->tls().has_value());
  Elf64_Phdr dynamic = fixtures::Phdr(elf, PT_DYNAMIC);
  EXPECT_EQ(image->dynamic().vaddr, dynamic.p_vaddr);
  EXPECT_EQ(image->dynamic().filesz, dynamic.p_filesz);
  EXPECT_EQ(image->bytes().data(), elf.data());
}

TEST(ElfImageTest, FindsExportedSymbolsThroughGnuHash) {
  Bytes elf = fixtures::Minimal();
  Result<ElfImage> image = ElfImage::Parse(elf);
  ASSERT_TRUE(image.ok()) << image.status();
  auto sym = fixtures::Get<Elf64_Sym>(elf, fixtures::DynsymOffset(elf, abi::kEcallTableSymbol));
  Result<std::optional<DynamicSymbol>> table = image->FindDynamicSymbol(abi::kEcallTableSymbol);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_TRUE(table->has_value());
  EXPECT_EQ(**table, (DynamicSymbol{sym.st_value, sym.st_size, STT_FUNC, STB_GLOBAL}));
  EXPECT_EQ(image->ecall_table_offset(), sym.st_value);
  auto entry = fixtures::Get<Elf64_Sym>(elf, fixtures::DynsymOffset(elf, kEnclaveEntrySymbol));
  EXPECT_EQ(image->entry_offset(), std::optional<uint64_t>(entry.st_value));

  for (std::string_view absent :
       {"", "confidant_enclave", "confidant_enclave_ecall_tablex", "kTable", "fixture_answer"}) {
    Result<std::optional<DynamicSymbol>> none = image->FindDynamicSymbol(absent);
    ASSERT_TRUE(none.ok()) << none.status();
    EXPECT_FALSE(none->has_value()) << absent;
  }
}

TEST(ElfImageTest, FindsExportedSymbolsThroughSysvHash) {
  Bytes elf = fixtures::SysvHash();
  Elf64_Phdr dynamic = fixtures::Phdr(elf, PT_DYNAMIC);
  bool has_gnu_hash = false;
  for (size_t at = dynamic.p_offset; at < dynamic.p_offset + dynamic.p_filesz; at += 16) {
    has_gnu_hash |= fixtures::Get<Elf64_Dyn>(elf, at).d_tag == DT_GNU_HASH;
  }
  ASSERT_FALSE(has_gnu_hash) << "the fixture should have only DT_HASH";
  Result<ElfImage> image = ElfImage::Parse(elf);
  ASSERT_TRUE(image.ok()) << image.status();
  auto sym = fixtures::Get<Elf64_Sym>(elf, fixtures::DynsymOffset(elf, abi::kEcallTableSymbol));
  EXPECT_EQ(image->ecall_table_offset(), sym.st_value);
  EXPECT_TRUE(image->entry_offset().has_value());
  EXPECT_FALSE(image->FindDynamicSymbol("missing")->has_value());
}

TEST(ElfImageTest, DataImageHasTlsAndBss) {
  Bytes elf = fixtures::Data();
  Result<ElfImage> image = ElfImage::Parse(elf);
  ASSERT_TRUE(image.ok()) << image.status();
  ASSERT_TRUE(image->tls().has_value());
  Elf64_Phdr tls = fixtures::Phdr(elf, PT_TLS);
  EXPECT_EQ(image->tls()->vaddr, tls.p_vaddr);
  EXPECT_EQ(image->tls()->memsz, tls.p_memsz);
  EXPECT_LT(image->tls()->filesz, image->tls()->memsz);
  bool has_bss = false;
  for (const LoadSegment& s : image->load_segments()) {
    if (s.writable()) has_bss |= s.memsz >= s.filesz + 20000;
  }
  EXPECT_TRUE(has_bss);
  EXPECT_FALSE(image->entry_offset().has_value());
  Result<std::optional<DynamicSymbol>> counter = image->FindDynamicSymbol("fixture_counter");
  ASSERT_TRUE(counter.ok() && counter->has_value());
  EXPECT_EQ((*counter)->type, STT_OBJECT);
  Result<std::optional<DynamicSymbol>> tls_value = image->FindDynamicSymbol("fixture_tls_value");
  ASSERT_TRUE(tls_value.ok() && tls_value->has_value());
  EXPECT_EQ((*tls_value)->type, STT_TLS);
}

TEST(ElfImageTest, RefusesAnImageWithoutTheEcallTable) {
  EXPECT_EQ(ParseError(fixtures::NotAnEnclave()),
            "elf: not an enclave image: it exports no confidant_enclave_ecall_table; build it "
            "with confidant_add_enclave");
}

TEST(ElfImageTest, RefusesWhatIsNotAnElf) {
  EXPECT_EQ(ParseError({}), "elf: not an ELF file (no \\x7fELF magic)");
  EXPECT_EQ(ParseError(ToBytes("#!/bin/sh\necho hello\n")),
            "elf: not an ELF file (no \\x7fELF magic)");
  Bytes elf = fixtures::Minimal();
  EXPECT_EQ(ParseError(Bytes(elf.begin(), elf.begin() + 40)),
            "elf: file of 40 bytes is shorter than the 64-byte ELF64 header");
}

TEST(ElfImageTest, RefusesWrongIdentOrHeader) {
  struct Case {
    size_t offset;
    uint8_t value;
    const char* error;
  };
  const Case cases[] = {
      {EI_CLASS, ELFCLASS32,
       "elf: EI_CLASS 1 is not ELFCLASS64 (2): an enclave image is a 64-bit ELF"},
      {EI_DATA, ELFDATA2MSB,
       "elf: EI_DATA 2 is not ELFDATA2LSB (1): an enclave image is little-endian"},
      {EI_VERSION, 2, "elf: EI_VERSION 2 is not EV_CURRENT (1)"},
      {EI_OSABI, ELFOSABI_FREEBSD, "elf: EI_OSABI 9 is neither SYSV (0) nor GNU (3)"},
      {offsetof(Elf64_Ehdr, e_type), ET_EXEC,
       "elf: e_type 2 is not ET_DYN (3): an enclave image is a shared object"},
      {offsetof(Elf64_Ehdr, e_machine), EM_386, "elf: e_machine 3 is not EM_X86_64 (62)"},
      {offsetof(Elf64_Ehdr, e_version), 0, "elf: e_version 0 is not EV_CURRENT (1)"},
      {offsetof(Elf64_Ehdr, e_phentsize), 55, "elf: e_phentsize 55 is not 56"},
  };
  for (const Case& c : cases) {
    Bytes elf = fixtures::Minimal();
    elf[c.offset] = c.value;
    EXPECT_EQ(ParseError(elf), c.error);
  }
  Bytes aarch64 = fixtures::Minimal();
  fixtures::Put<uint16_t>(aarch64, offsetof(Elf64_Ehdr, e_machine), EM_AARCH64);
  EXPECT_EQ(ParseError(aarch64), "elf: e_machine 183 is not EM_X86_64 (62)");
  Bytes no_phdrs = fixtures::Minimal();
  fixtures::Put<uint16_t>(no_phdrs, offsetof(Elf64_Ehdr, e_phnum), 0);
  EXPECT_EQ(ParseError(no_phdrs), "elf: e_phnum 0: no program headers");
  Bytes far_phdrs = fixtures::Minimal();
  fixtures::Put<uint64_t>(far_phdrs, offsetof(Elf64_Ehdr, e_phoff), UINT64_MAX - 8);
  EXPECT_THAT(ParseError(far_phdrs), StartsWith("elf: program headers at 0xfffffffffffffff7 size"));
}

// Edits PT_LOAD[index] of the minimal image and returns the error.
template <typename Edit>
std::string LoadError(int index, Edit edit) {
  Bytes elf = fixtures::Minimal();
  fixtures::EditPhdr(elf, PT_LOAD, index, edit);
  return ParseError(elf);
}

TEST(ElfImageTest, RefusesBadLoadSegments) {
  EXPECT_THAT(LoadError(0, [](Elf64_Phdr& p) { p.p_filesz = p.p_memsz + 1; }),
              HasSubstr("elf: PT_LOAD[0]: p_filesz 0x"));
  EXPECT_THAT(LoadError(0, [](Elf64_Phdr& p) { p.p_filesz = p.p_memsz + 1; }),
              HasSubstr("exceeds p_memsz"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_offset = 0x100000; }),
              HasSubstr("elf: PT_LOAD[1]: file bytes at 0x100000 size"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_offset = UINT64_MAX; }),
              HasSubstr("lie outside the"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_vaddr += 0x10; }),
              HasSubstr("are not congruent modulo p_align 0x1000"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_align = 0x800; }),
              HasSubstr("elf: PT_LOAD[1]: p_align 0x800 is not a power of two >= 0x1000"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_align = 0x3000; }),
              HasSubstr("p_align 0x3000 is not a power of two"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_flags = PF_R | PF_W | PF_X; }),
              HasSubstr("elf: PT_LOAD[1]: p_flags 0x7 make it both writable and executable"));
  EXPECT_THAT(LoadError(0, [](Elf64_Phdr& p) { p.p_flags = PF_W; }),
              HasSubstr("p_flags 0x2 make it writable but not readable"));
  EXPECT_THAT(LoadError(0, [](Elf64_Phdr& p) { p.p_memsz = 0, p.p_filesz = 0; }),
              HasSubstr("elf: PT_LOAD[0]: p_memsz is 0"));
}

TEST(ElfImageTest, RefusesAbsurdSizes) {
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_memsz = uint64_t{2} << 30; }),
              HasSubstr("reaches beyond the 1024 MiB image span limit"));
  EXPECT_THAT(LoadError(1, [](Elf64_Phdr& p) { p.p_memsz = UINT64_MAX; }),
              HasSubstr("image span limit"));
  // Ends one page past the limit.
  EXPECT_THAT(LoadError(1,
                        [](Elf64_Phdr& p) {
                          p.p_vaddr = (uint64_t{1} << 30) + p.p_offset % 0x1000;
                          p.p_memsz = 0x10;
                          p.p_filesz = 0x10;
                        }),
              HasSubstr("image span limit"));
}

TEST(ElfImageTest, RefusesOverlappingOrUnorderedSegments) {
  Bytes elf = fixtures::Minimal();
  Elf64_Phdr first = fixtures::Phdr(elf, PT_LOAD, 0);
  // The second segment's last page shared with the first's.
  EXPECT_THAT(LoadError(1,
                        [&](Elf64_Phdr& p) {
                          p.p_vaddr = first.p_vaddr + first.p_memsz - 1;
                          p.p_offset = p.p_vaddr;
                        }),
              HasSubstr("elf: PT_LOAD[1] (pages 0x0..0x"));
  EXPECT_THAT(LoadError(1,
                        [&](Elf64_Phdr& p) {
                          p.p_vaddr = first.p_vaddr + first.p_memsz - 1;
                          p.p_offset = p.p_vaddr;
                        }),
              HasSubstr("overlaps the pages of PT_LOAD[0]"));
  // Swap the first two PT_LOAD headers.
  Bytes swapped = fixtures::Minimal();
  size_t a = fixtures::PhdrOffset(swapped, PT_LOAD, 0);
  size_t b = fixtures::PhdrOffset(swapped, PT_LOAD, 1);
  auto pa = fixtures::Get<Elf64_Phdr>(swapped, a);
  fixtures::Put(swapped, a, fixtures::Get<Elf64_Phdr>(swapped, b));
  fixtures::Put(swapped, b, pa);
  EXPECT_THAT(ParseError(swapped), HasSubstr("(PT_LOAD must ascend)"));
}

TEST(ElfImageTest, RefusesAnImageWithoutLoadSegments) {
  Bytes elf = fixtures::Minimal();
  Elf64_Ehdr h = fixtures::Header(elf);
  for (size_t i = 0; i < h.e_phnum; ++i) {
    size_t at = h.e_phoff + i * sizeof(Elf64_Phdr);
    auto p = fixtures::Get<Elf64_Phdr>(elf, at);
    if (p.p_type == PT_LOAD) p.p_type = PT_NULL;
    fixtures::Put(elf, at, p);
  }
  EXPECT_EQ(ParseError(elf), "elf: no PT_LOAD segment");
}

TEST(ElfImageTest, RefusesHeadersOutsideTheMeasuredPages) {
  EXPECT_THAT(LoadError(0, [](Elf64_Phdr& p) { p.p_filesz = 0x10; }),
              HasSubstr("elf: the ELF header and program headers (file bytes 0..0x"));
}

TEST(ElfImageTest, RefusesAnExecutableStack) {
  Bytes elf = fixtures::Minimal();
  fixtures::EditPhdr(elf, PT_GNU_STACK, 0, [](Elf64_Phdr& p) { p.p_flags |= PF_X; });
  EXPECT_EQ(ParseError(elf), "elf: PT_GNU_STACK asks for an executable stack (p_flags 0x7)");
  Bytes no_stack = fixtures::Minimal();
  fixtures::EditPhdr(no_stack, PT_GNU_STACK, 0, [](Elf64_Phdr& p) { p.p_type = PT_NULL; });
  EXPECT_EQ(ParseError(no_stack),
            "elf: no PT_GNU_STACK: the loader would make the stack executable");
}

TEST(ElfImageTest, RefusesBadDynamicSections) {
  Bytes no_dynamic = fixtures::Minimal();
  fixtures::EditPhdr(no_dynamic, PT_DYNAMIC, 0, [](Elf64_Phdr& p) { p.p_type = PT_NULL; });
  EXPECT_THAT(ParseError(no_dynamic), HasSubstr("not an enclave image"));

  Bytes far_dynamic = fixtures::Minimal();
  fixtures::EditPhdr(far_dynamic, PT_DYNAMIC, 0, [](Elf64_Phdr& p) { p.p_vaddr = 0x40000000; });
  EXPECT_THAT(ParseError(far_dynamic), HasSubstr("elf: PT_DYNAMIC at 0x40000000 size 0x"));

  Bytes no_strtab = fixtures::Minimal();
  fixtures::Put<int64_t>(no_strtab, fixtures::DynamicEntryOffset(no_strtab, DT_STRTAB), DT_DEBUG);
  EXPECT_THAT(ParseError(no_strtab), HasSubstr("elf: the dynamic section lacks DT_STRTAB"));

  Bytes pie = fixtures::Minimal();
  size_t strsz = fixtures::DynamicEntryOffset(pie, DT_STRSZ);
  // Turn DT_STRSZ's slot into DT_FLAGS_1 = DF_1_PIE.
  fixtures::Put(pie, strsz, Elf64_Dyn{DT_FLAGS_1, {DF_1_PIE}});
  EXPECT_THAT(ParseError(pie), HasSubstr("elf: DT_FLAGS_1 has DF_1_PIE"));

  Bytes bad_syment = fixtures::Minimal();
  fixtures::Put<uint64_t>(bad_syment, fixtures::DynamicEntryOffset(bad_syment, DT_SYMENT) + 8, 16);
  EXPECT_EQ(ParseError(bad_syment), "elf: DT_SYMENT 16 is not 24");

  Bytes unterminated = fixtures::Minimal();
  fixtures::EditPhdr(unterminated, PT_DYNAMIC, 0, [](Elf64_Phdr& p) { p.p_filesz = 16; });
  EXPECT_EQ(ParseError(unterminated), "elf: PT_DYNAMIC has no DT_NULL entry");
}

TEST(ElfImageTest, RefusesMalformedHashTables) {
  Bytes gnu = fixtures::Minimal();
  auto gnu_hash = fixtures::Get<Elf64_Dyn>(gnu, fixtures::DynamicEntryOffset(gnu, DT_GNU_HASH));
  fixtures::Put<uint32_t>(gnu, fixtures::FileOffsetOf(gnu, gnu_hash.d_un.d_ptr), 0);
  EXPECT_EQ(ParseError(gnu),
            "elf: DT_GNU_HASH: nbuckets 0, bloom_size 1 (need nbuckets > 0, bloom_size a power of "
            "two)");

  Bytes sysv = fixtures::SysvHash();
  auto hash = fixtures::Get<Elf64_Dyn>(sysv, fixtures::DynamicEntryOffset(sysv, DT_HASH));
  fixtures::Put<uint32_t>(sysv, fixtures::FileOffsetOf(sysv, hash.d_un.d_ptr) + 4, 0);  // nchain
  EXPECT_THAT(ParseError(sysv), HasSubstr("elf: DT_HASH: chain reaches symbol"));
}

TEST(ElfImageTest, RefusesAnEcallTableOutsideTheCode) {
  Bytes elf = fixtures::Minimal();
  size_t at = fixtures::DynsymOffset(elf, abi::kEcallTableSymbol);
  auto sym = fixtures::Get<Elf64_Sym>(elf, at);
  sym.st_value = fixtures::Phdr(elf, PT_DYNAMIC).p_vaddr;
  fixtures::Put(elf, at, sym);
  EXPECT_THAT(ParseError(elf), HasSubstr("elf: confidant_enclave_ecall_table at 0x"));
  EXPECT_THAT(ParseError(elf), HasSubstr("is not inside an executable PT_LOAD segment"));

  Bytes object = fixtures::Minimal();
  size_t entry = fixtures::DynsymOffset(object, kEnclaveEntrySymbol);
  sym = fixtures::Get<Elf64_Sym>(object, entry);
  sym.st_info = ELF64_ST_INFO(STB_GLOBAL, STT_OBJECT);
  fixtures::Put(object, entry, sym);
  EXPECT_EQ(ParseError(object), "elf: confidant_enclave_entry is of symbol type 1, not STT_FUNC");
}

TEST(ElfImageTest, EveryTruncationIsRefused) {
  for (Bytes elf : {fixtures::Minimal(), fixtures::Data()}) {
    for (size_t n = 0; n < elf.size(); ++n) {
      Result<ElfImage> image = ElfImage::Parse(ByteSpan(elf.data(), n));
      // A truncation that keeps every segment, the headers and the dynamic tables would parse;
      // the fixtures' section headers sit at the end, so none does until the very end.
      if (image.ok()) {
        EXPECT_GE(n, image->load_segments().back().offset + image->load_segments().back().filesz);
      } else {
        EXPECT_EQ(image.status().code(), StatusCode::kInvalidArgument);
      }
    }
  }
}

}  // namespace
}  // namespace confidant::image
