// An enclave image: an ELF64 little-endian x86-64 shared object (ET_DYN) linked with Confidant's
// trusted runtime, which the enclave process loads with dlopen(). Spec: docs/enclave-images.md.
//
// ElfImage::Parse takes untrusted bytes and checks everything the loader and the enclave layout
// rely on, with the <elf.h> definitions: the ELF header (class, data, version, type, machine,
// program header size), the program headers (PT_LOAD segments inside the file, p_filesz <=
// p_memsz, p_offset congruent to p_vaddr modulo p_align >= 4096, ascending and on disjoint pages,
// none both writable and executable, the image span within kMaxImageSpan), the ELF header and
// program headers inside the first segment's file bytes (so the measurement covers what the loader
// reads from the file), and the dynamic section (DT_STRTAB, DT_SYMTAB, DT_GNU_HASH or DT_HASH,
// all inside the file bytes of a PT_LOAD). It then requires the dynamic symbol
// `confidant_enclave_ecall_table` (include/confidant/abi.h), defined inside a segment.
// Every error is InvalidArgument and names the field ("elf: PT_LOAD[3]: p_filesz 0x2000 exceeds
// p_memsz 0x1000"). Offsets and sizes are compared without arithmetic that could overflow.
//
// An ElfImage is a view: it refers to the bytes given to Parse, which must outlive it. It is
// immutable; its methods are safe to call from several threads at once.

#ifndef CONFIDANT_IMAGE_ELF_IMAGE_H_
#define CONFIDANT_IMAGE_ELF_IMAGE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::image {

// The largest image span (end of the highest PT_LOAD, page-rounded) an enclave image may have.
inline constexpr uint64_t kMaxImageSpan = uint64_t{1} << 30;  // 1 GiB
// The dynamic symbol the enclave runtime's entry point is exported as; when present its offset
// is each TCS's OENTRY (docs/enclave-images.md).
inline constexpr char kEnclaveEntrySymbol[] = "confidant_enclave_entry";

// One PT_LOAD program header.
struct LoadSegment {
  uint64_t offset = 0;  // p_offset
  uint64_t vaddr = 0;   // p_vaddr: the offset from the image base
  uint64_t filesz = 0;  // p_filesz
  uint64_t memsz = 0;   // p_memsz
  uint32_t flags = 0;   // p_flags: PF_R | PF_W | PF_X

  bool readable() const;
  bool writable() const;
  bool executable() const;
  // The page-aligned range of the image the segment occupies: [page_begin, page_end).
  uint64_t page_begin() const;
  uint64_t page_end() const;
  friend bool operator==(const LoadSegment&, const LoadSegment&) = default;
};

// Another program header (PT_TLS, PT_DYNAMIC), as given.
struct ProgramSegment {
  uint64_t offset = 0;
  uint64_t vaddr = 0;
  uint64_t filesz = 0;
  uint64_t memsz = 0;
  uint64_t align = 0;
  friend bool operator==(const ProgramSegment&, const ProgramSegment&) = default;
};

// A defined dynamic symbol (an Elf64_Sym found through the image's hash table).
struct DynamicSymbol {
  uint64_t value = 0;   // st_value: the offset from the image base
  uint64_t size = 0;    // st_size
  uint8_t type = 0;     // ELF64_ST_TYPE(st_info): STT_FUNC, STT_OBJECT, ...
  uint8_t binding = 0;  // ELF64_ST_BIND(st_info): STB_GLOBAL, STB_WEAK, STB_GNU_UNIQUE
  friend bool operator==(const DynamicSymbol&, const DynamicSymbol&) = default;
};

class ElfImage {
 public:
  // REQUIRES nothing of `bytes` (untrusted), but they must outlive the returned image.
  static Result<ElfImage> Parse(ByteSpan bytes);

  // The ELF file, as given to Parse.
  ByteSpan bytes() const { return bytes_; }
  // PT_LOAD segments in ascending p_vaddr order, none sharing a page with another.
  const std::vector<LoadSegment>& load_segments() const { return load_segments_; }
  // The end of the highest PT_LOAD (p_vaddr + p_memsz) rounded up to a page: the bytes of address
  // space the image takes from its base. At most kMaxImageSpan.
  uint64_t span() const { return span_; }
  const std::optional<ProgramSegment>& tls() const { return tls_; }
  const ProgramSegment& dynamic() const { return dynamic_; }

  // The offset of `confidant_enclave_ecall_table` (always present: Parse requires it).
  uint64_t ecall_table_offset() const { return ecall_table_offset_; }
  // The offset of `confidant_enclave_entry` if the image exports it (inside an executable
  // segment: Parse checks).
  std::optional<uint64_t> entry_offset() const { return entry_offset_; }

  // Looks `name` up as dlsym() would, through DT_GNU_HASH if present, else DT_HASH: a defined
  // (st_shndx != SHN_UNDEF), global, weak or unique symbol whose type is not STT_SECTION or
  // STT_FILE. nullopt if there is none; InvalidArgument if the tables on the way are malformed
  // (a bucket, chain or symbol outside the file, a name outside DT_STRSZ).
  Result<std::optional<DynamicSymbol>> FindDynamicSymbol(std::string_view name) const;

 private:
  struct DynamicTables {
    uint64_t strtab = 0;               // DT_STRTAB (an offset from the image base)
    uint64_t strsz = 0;                // DT_STRSZ
    uint64_t symtab = 0;               // DT_SYMTAB
    std::optional<uint64_t> gnu_hash;  // DT_GNU_HASH
    std::optional<uint64_t> hash;      // DT_HASH
  };

  ElfImage() = default;
  Status ParseHeaders();
  Status ParseLoadSegment(size_t index, const ProgramSegment& ph, uint32_t flags);
  Status CheckSegmentOrder();
  Status CheckHeadersLoaded(uint64_t phdr_end) const;
  Status ParseDynamic();
  Status FindRequiredSymbols();
  // The `size` file bytes that the loader maps at image offset `vaddr`: they must lie in one
  // PT_LOAD's file part.
  Result<ByteSpan> MappedBytes(uint64_t vaddr, uint64_t size, std::string_view what) const;
  Result<std::optional<DynamicSymbol>> LookupGnuHash(std::string_view name) const;
  Result<std::optional<DynamicSymbol>> LookupSysvHash(std::string_view name) const;
  // Symbol `index` if it is named `name` and qualifies (see FindDynamicSymbol).
  Result<std::optional<DynamicSymbol>> MatchSymbol(uint64_t index, std::string_view name) const;

  ByteSpan bytes_;
  std::vector<LoadSegment> load_segments_;
  uint64_t span_ = 0;
  std::optional<ProgramSegment> tls_;
  ProgramSegment dynamic_;
  DynamicTables tables_;
  uint64_t ecall_table_offset_ = 0;
  std::optional<uint64_t> entry_offset_;
};

}  // namespace confidant::image

#endif  // CONFIDANT_IMAGE_ELF_IMAGE_H_
