#include "image/elf_image.h"

#include <elf.h>

#include <bit>
#include <cstring>
#include <string>

#include "common/encoding.h"
#include "confidant/abi.h"

namespace confidant::image {
namespace {

static_assert(std::endian::native == std::endian::little,
              "ElfImage copies little-endian ELF structures into <elf.h> types");

constexpr uint64_t kPage = 4096;

uint64_t PageDown(uint64_t v) { return v & ~(kPage - 1); }
// REQUIRES: v <= UINT64_MAX - (kPage - 1) (all callers have bounded v by kMaxImageSpan).
uint64_t PageUp(uint64_t v) { return PageDown(v + kPage - 1); }

Status Bad(std::string_view message) {
  return InvalidArgumentError("elf: " + std::string(message));
}

// True if [offset, offset + size) lies in a buffer of `total` bytes, without overflow.
bool Inside(uint64_t offset, uint64_t size, uint64_t total) {
  return offset <= total && size <= total - offset;
}

// A T copied from `bytes` at `offset`. REQUIRES: Inside(offset, sizeof(T), bytes.size()).
template <typename T>
T Load(ByteSpan bytes, uint64_t offset) {
  T out;
  std::memcpy(&out, bytes.data() + offset, sizeof(T));
  return out;
}

std::string Range(uint64_t begin, uint64_t size) {
  return "at " + HexNumber(begin) + " size " + HexNumber(size);
}

std::string LoadName(size_t index) { return "PT_LOAD[" + std::to_string(index) + "]"; }

Status NotAnEnclave() {
  return Bad(std::string("not an enclave image: it exports no ") + abi::kEcallTableSymbol +
             "; build it with confidant_add_enclave");
}

// The GNU hash function (DT_GNU_HASH): h = h * 33 + c, from 5381.
uint32_t GnuHash(std::string_view name) {
  uint32_t h = 5381;
  for (char c : name) h = h * 33 + static_cast<uint8_t>(c);
  return h;
}

// The System V ABI hash function (DT_HASH).
uint32_t SysvHash(std::string_view name) {
  uint32_t h = 0;
  for (char c : name) {
    h = (h << 4) + static_cast<uint8_t>(c);
    uint32_t g = h & 0xf0000000;
    if (g != 0) h ^= g >> 24;
    h &= ~g;
  }
  return h;
}

// The symbol types dlsym() resolves to (code and data definitions).
bool IsDefinitionType(uint8_t type) {
  return type == STT_NOTYPE || type == STT_OBJECT || type == STT_FUNC || type == STT_COMMON ||
         type == STT_TLS || type == STT_GNU_IFUNC;
}

}  // namespace

bool LoadSegment::readable() const { return (flags & PF_R) != 0; }
bool LoadSegment::writable() const { return (flags & PF_W) != 0; }
bool LoadSegment::executable() const { return (flags & PF_X) != 0; }
uint64_t LoadSegment::page_begin() const { return PageDown(vaddr); }
uint64_t LoadSegment::page_end() const { return PageUp(vaddr + memsz); }

Result<ElfImage> ElfImage::Parse(ByteSpan bytes) {
  ElfImage image;
  image.bytes_ = bytes;
  RETURN_IF_ERROR(image.ParseHeaders());
  RETURN_IF_ERROR(image.ParseDynamic());
  RETURN_IF_ERROR(image.FindRequiredSymbols());
  return image;
}

Status ElfImage::ParseHeaders() {
  if (bytes_.size() < SELFMAG || std::memcmp(bytes_.data(), ELFMAG, SELFMAG) != 0) {
    return Bad("not an ELF file (no \\x7fELF magic)");
  }
  if (bytes_.size() < sizeof(Elf64_Ehdr)) {
    return Bad("file of " + std::to_string(bytes_.size()) + " bytes is shorter than the " +
               std::to_string(sizeof(Elf64_Ehdr)) + "-byte ELF64 header");
  }
  const auto ehdr = Load<Elf64_Ehdr>(bytes_, 0);
  const unsigned char* ident = ehdr.e_ident;
  if (ident[EI_CLASS] != ELFCLASS64) {
    return Bad("EI_CLASS " + std::to_string(ident[EI_CLASS]) +
               " is not ELFCLASS64 (2): an enclave image is a 64-bit ELF");
  }
  if (ident[EI_DATA] != ELFDATA2LSB) {
    return Bad("EI_DATA " + std::to_string(ident[EI_DATA]) +
               " is not ELFDATA2LSB (1): an enclave image is little-endian");
  }
  if (ident[EI_VERSION] != EV_CURRENT) {
    return Bad("EI_VERSION " + std::to_string(ident[EI_VERSION]) + " is not EV_CURRENT (1)");
  }
  if (ident[EI_OSABI] != ELFOSABI_SYSV && ident[EI_OSABI] != ELFOSABI_GNU) {
    return Bad("EI_OSABI " + std::to_string(ident[EI_OSABI]) + " is neither SYSV (0) nor GNU (3)");
  }
  if (ehdr.e_type != ET_DYN) {
    return Bad("e_type " + std::to_string(ehdr.e_type) +
               " is not ET_DYN (3): an enclave image is a shared object");
  }
  if (ehdr.e_machine != EM_X86_64) {
    return Bad("e_machine " + std::to_string(ehdr.e_machine) + " is not EM_X86_64 (62)");
  }
  if (ehdr.e_version != EV_CURRENT) {
    return Bad("e_version " + std::to_string(ehdr.e_version) + " is not EV_CURRENT (1)");
  }
  if (ehdr.e_phentsize != sizeof(Elf64_Phdr)) {
    return Bad("e_phentsize " + std::to_string(ehdr.e_phentsize) + " is not " +
               std::to_string(sizeof(Elf64_Phdr)));
  }
  if (ehdr.e_phnum == 0 || ehdr.e_phnum == PN_XNUM) {
    return Bad("e_phnum " + std::to_string(ehdr.e_phnum) + ": no program headers");
  }
  const uint64_t table_size = uint64_t{ehdr.e_phnum} * sizeof(Elf64_Phdr);
  if (!Inside(ehdr.e_phoff, table_size, bytes_.size())) {
    return Bad("program headers " + Range(ehdr.e_phoff, table_size) + " lie outside the " +
               std::to_string(bytes_.size()) + "-byte file");
  }

  bool has_dynamic = false;
  bool has_gnu_stack = false;
  for (size_t i = 0; i < ehdr.e_phnum; ++i) {
    const auto phdr = Load<Elf64_Phdr>(bytes_, ehdr.e_phoff + i * sizeof(Elf64_Phdr));
    ProgramSegment ph{phdr.p_offset, phdr.p_vaddr, phdr.p_filesz, phdr.p_memsz, phdr.p_align};
    switch (phdr.p_type) {
      case PT_LOAD:
        RETURN_IF_ERROR(ParseLoadSegment(i, ph, phdr.p_flags));
        break;
      case PT_TLS:
        if (tls_) return Bad("more than one PT_TLS");
        tls_ = ph;
        break;
      case PT_DYNAMIC:
        if (has_dynamic) return Bad("more than one PT_DYNAMIC");
        has_dynamic = true;
        dynamic_ = ph;
        break;
      case PT_GNU_STACK:
        has_gnu_stack = true;
        if ((phdr.p_flags & PF_X) != 0) {
          return Bad("PT_GNU_STACK asks for an executable stack (p_flags " +
                     HexNumber(phdr.p_flags) + ")");
        }
        break;
      default:
        break;
    }
  }
  if (load_segments_.empty()) return Bad("no PT_LOAD segment");
  if (!has_gnu_stack) return Bad("no PT_GNU_STACK: the loader would make the stack executable");
  if (!has_dynamic) return NotAnEnclave();
  RETURN_IF_ERROR(CheckSegmentOrder());
  return CheckHeadersLoaded(ehdr.e_phoff + table_size);
}

Status ElfImage::ParseLoadSegment(size_t index, const ProgramSegment& ph, uint32_t flags) {
  const std::string name = LoadName(index);
  LoadSegment s{ph.offset, ph.vaddr, ph.filesz, ph.memsz, flags};
  if (s.memsz == 0) return Bad(name + ": p_memsz is 0");
  if (s.filesz > s.memsz) {
    return Bad(name + ": p_filesz " + HexNumber(s.filesz) + " exceeds p_memsz " +
               HexNumber(s.memsz));
  }
  if (!Inside(s.offset, s.filesz, bytes_.size())) {
    return Bad(name + ": file bytes " + Range(s.offset, s.filesz) + " lie outside the " +
               std::to_string(bytes_.size()) + "-byte file");
  }
  if (!Inside(s.vaddr, s.memsz, kMaxImageSpan) || PageUp(s.vaddr + s.memsz) > kMaxImageSpan) {
    return Bad(name + ": memory " + Range(s.vaddr, s.memsz) + " reaches beyond the " +
               std::to_string(kMaxImageSpan >> 20) + " MiB image span limit");
  }
  if (ph.align < kPage || !std::has_single_bit(ph.align)) {
    return Bad(name + ": p_align " + HexNumber(ph.align) + " is not a power of two >= 0x1000");
  }
  if (s.offset % ph.align != s.vaddr % ph.align) {
    return Bad(name + ": p_offset " + HexNumber(s.offset) + " and p_vaddr " + HexNumber(s.vaddr) +
               " are not congruent modulo p_align " + HexNumber(ph.align));
  }
  if (s.writable() && s.executable()) {
    return Bad(name + ": p_flags " + HexNumber(flags) + " make it both writable and executable");
  }
  if (s.writable() && !s.readable()) {
    return Bad(name + ": p_flags " + HexNumber(flags) + " make it writable but not readable");
  }
  load_segments_.push_back(s);
  return OkStatus();
}

Status ElfImage::CheckSegmentOrder() {
  for (size_t i = 1; i < load_segments_.size(); ++i) {
    const LoadSegment& previous = load_segments_[i - 1];
    const LoadSegment& s = load_segments_[i];
    if (s.vaddr < previous.vaddr) {
      return Bad(LoadName(i) + ": p_vaddr " + HexNumber(s.vaddr) + " is below " + LoadName(i - 1) +
                 "'s " + HexNumber(previous.vaddr) + " (PT_LOAD must ascend)");
    }
    if (s.page_begin() < previous.page_end()) {
      return Bad(LoadName(i) + " (pages " + HexNumber(s.page_begin()) + ".." +
                 HexNumber(s.page_end()) + ") overlaps the pages of " + LoadName(i - 1) + " (" +
                 HexNumber(previous.page_begin()) + ".." + HexNumber(previous.page_end()) + ")");
    }
  }
  span_ = load_segments_.back().page_end();
  return OkStatus();
}

// The loader reads the ELF header and program headers from the file, not from memory: they must
// be in measured pages, or the measurement would not fix how the image is loaded.
Status ElfImage::CheckHeadersLoaded(uint64_t phdr_end) const {
  for (const LoadSegment& s : load_segments_) {
    if (s.offset == 0 && phdr_end <= s.filesz) return OkStatus();
  }
  return Bad("the ELF header and program headers (file bytes 0.." + HexNumber(phdr_end) +
             ") are not inside a PT_LOAD at file offset 0, so the measurement would not cover "
             "them");
}

Result<ByteSpan> ElfImage::MappedBytes(uint64_t vaddr, uint64_t size, std::string_view what) const {
  for (const LoadSegment& s : load_segments_) {
    if (vaddr >= s.vaddr && Inside(vaddr - s.vaddr, size, s.filesz)) {
      return bytes_.subspan(s.offset + (vaddr - s.vaddr), size);
    }
  }
  return Bad(std::string(what) + " " + Range(vaddr, size) +
             " is not inside the file bytes of a PT_LOAD segment");
}

Status ElfImage::ParseDynamic() {
  ASSIGN_OR_RETURN(ByteSpan table, MappedBytes(dynamic_.vaddr, dynamic_.filesz, "PT_DYNAMIC"));
  std::optional<uint64_t> strtab, strsz, symtab;
  bool terminated = false;
  for (uint64_t at = 0; Inside(at, sizeof(Elf64_Dyn), table.size()); at += sizeof(Elf64_Dyn)) {
    const auto dyn = Load<Elf64_Dyn>(table, at);
    const uint64_t value = dyn.d_un.d_val;
    // As the loader does, a tag given twice takes its last value.
    switch (dyn.d_tag) {
      case DT_STRTAB:
        strtab = value;
        break;
      case DT_STRSZ:
        strsz = value;
        break;
      case DT_SYMTAB:
        symtab = value;
        break;
      case DT_GNU_HASH:
        tables_.gnu_hash = value;
        break;
      case DT_HASH:
        tables_.hash = value;
        break;
      case DT_SYMENT:
        if (value != sizeof(Elf64_Sym)) {
          return Bad("DT_SYMENT " + std::to_string(value) + " is not " +
                     std::to_string(sizeof(Elf64_Sym)));
        }
        break;
      case DT_FLAGS_1:
        if ((value & DF_1_PIE) != 0) {
          return Bad(
              "DT_FLAGS_1 has DF_1_PIE: a position-independent executable, not a shared "
              "object");
        }
        break;
      default:
        break;
    }
    if (dyn.d_tag == DT_NULL) {
      terminated = true;
      break;
    }
  }
  if (!terminated) return Bad("PT_DYNAMIC has no DT_NULL entry");
  if (!strtab || !strsz || !symtab || (!tables_.gnu_hash && !tables_.hash)) {
    return Bad(
        "the dynamic section lacks DT_STRTAB, DT_STRSZ, DT_SYMTAB or a hash table "
        "(DT_GNU_HASH, DT_HASH)");
  }
  tables_.strtab = *strtab;
  tables_.strsz = *strsz;
  tables_.symtab = *symtab;
  RETURN_IF_ERROR(MappedBytes(tables_.strtab, tables_.strsz, "DT_STRTAB").status());
  return MappedBytes(tables_.symtab, sizeof(Elf64_Sym), "DT_SYMTAB").status();
}

Status ElfImage::FindRequiredSymbols() {
  // Both symbols are functions the runtime calls: they must be code.
  auto find_function = [this](std::string_view name) -> Result<std::optional<uint64_t>> {
    ASSIGN_OR_RETURN(std::optional<DynamicSymbol> symbol, FindDynamicSymbol(name));
    if (!symbol) return std::optional<uint64_t>();
    if (symbol->type != STT_FUNC) {
      return Bad(std::string(name) + " is of symbol type " + std::to_string(symbol->type) +
                 ", not STT_FUNC");
    }
    for (const LoadSegment& s : load_segments_) {
      if (s.executable() && symbol->value >= s.vaddr && symbol->value - s.vaddr < s.memsz) {
        return std::optional<uint64_t>(symbol->value);
      }
    }
    return Bad(std::string(name) + " at " + HexNumber(symbol->value) +
               " is not inside an executable PT_LOAD segment");
  };
  ASSIGN_OR_RETURN(std::optional<uint64_t> table, find_function(abi::kEcallTableSymbol));
  if (!table) return NotAnEnclave();
  ecall_table_offset_ = *table;
  ASSIGN_OR_RETURN(entry_offset_, find_function(kEnclaveEntrySymbol));
  return OkStatus();
}

Result<std::optional<DynamicSymbol>> ElfImage::FindDynamicSymbol(std::string_view name) const {
  return tables_.gnu_hash ? LookupGnuHash(name) : LookupSysvHash(name);
}

Result<std::optional<DynamicSymbol>> ElfImage::MatchSymbol(uint64_t index,
                                                           std::string_view name) const {
  // No overflow: DT_SYMTAB lies in the image (< 1 GiB) and index < 2^32.
  const uint64_t at = tables_.symtab + index * sizeof(Elf64_Sym);
  ASSIGN_OR_RETURN(ByteSpan raw,
                   MappedBytes(at, sizeof(Elf64_Sym), "DT_SYMTAB entry " + std::to_string(index)));
  const auto sym = Load<Elf64_Sym>(raw, 0);
  if (sym.st_name >= tables_.strsz) {
    return Bad("DT_SYMTAB entry " + std::to_string(index) + ": st_name " +
               std::to_string(sym.st_name) + " is outside DT_STRSZ " +
               std::to_string(tables_.strsz));
  }
  const uint64_t room = tables_.strsz - sym.st_name;
  if (room <= name.size()) return std::optional<DynamicSymbol>();
  ASSIGN_OR_RETURN(ByteSpan text,
                   MappedBytes(tables_.strtab + sym.st_name, name.size() + 1, "DT_STRTAB"));
  if (text[name.size()] != 0 || std::memcmp(text.data(), name.data(), name.size()) != 0) {
    return std::optional<DynamicSymbol>();
  }
  const uint8_t type = ELF64_ST_TYPE(sym.st_info);
  const uint8_t binding = ELF64_ST_BIND(sym.st_info);
  const bool defined = sym.st_shndx != SHN_UNDEF &&
                       (sym.st_value != 0 || sym.st_shndx == SHN_ABS || type == STT_TLS);
  const bool exported = binding == STB_GLOBAL || binding == STB_WEAK || binding == STB_GNU_UNIQUE;
  if (!defined || !exported || !IsDefinitionType(type)) return std::optional<DynamicSymbol>();
  return std::optional<DynamicSymbol>(DynamicSymbol{sym.st_value, sym.st_size, type, binding});
}

// DT_GNU_HASH: nbuckets, symoffset, bloom_size, bloom_shift (u32 each), the Bloom filter
// (bloom_size u64 words), the buckets (nbuckets u32) and the hash chain (u32 per symbol from
// symoffset on, the low bit marking a chain's end).
Result<std::optional<DynamicSymbol>> ElfImage::LookupGnuHash(std::string_view name) const {
  const uint64_t base = *tables_.gnu_hash;
  ASSIGN_OR_RETURN(ByteSpan header, MappedBytes(base, 16, "DT_GNU_HASH header"));
  const auto nbuckets = Load<uint32_t>(header, 0);
  const auto symoffset = Load<uint32_t>(header, 4);
  const auto bloom_size = Load<uint32_t>(header, 8);
  const auto bloom_shift = Load<uint32_t>(header, 12);
  if (nbuckets == 0 || !std::has_single_bit(bloom_size)) {
    return Bad("DT_GNU_HASH: nbuckets " + std::to_string(nbuckets) + ", bloom_size " +
               std::to_string(bloom_size) + " (need nbuckets > 0, bloom_size a power of two)");
  }
  const uint64_t bloom = base + 16;
  const uint64_t buckets = bloom + uint64_t{bloom_size} * 8;
  const uint64_t chain = buckets + uint64_t{nbuckets} * 4;

  const uint32_t h = GnuHash(name);
  const uint64_t word_index = (h / 64) & (bloom_size - 1);
  ASSIGN_OR_RETURN(ByteSpan word_bytes,
                   MappedBytes(bloom + word_index * 8, 8, "DT_GNU_HASH bloom"));
  const auto word = Load<uint64_t>(word_bytes, 0);
  if (((word >> (h % 64)) & (word >> ((h >> (bloom_shift % 32)) % 64)) & 1) == 0) {
    return std::optional<DynamicSymbol>();
  }
  ASSIGN_OR_RETURN(ByteSpan bucket_bytes,
                   MappedBytes(buckets + uint64_t{h % nbuckets} * 4, 4, "DT_GNU_HASH bucket"));
  const auto first = Load<uint32_t>(bucket_bytes, 0);
  if (first == 0) return std::optional<DynamicSymbol>();
  if (first < symoffset) {
    return Bad("DT_GNU_HASH: bucket " + std::to_string(first) + " is below symoffset " +
               std::to_string(symoffset));
  }
  // Each step reads a further chain word inside the file, so the walk ends within the file size.
  for (uint64_t index = first; index <= UINT32_MAX; ++index) {
    ASSIGN_OR_RETURN(ByteSpan link_bytes,
                     MappedBytes(chain + (index - symoffset) * 4, 4, "DT_GNU_HASH chain"));
    const auto link = Load<uint32_t>(link_bytes, 0);
    if ((link | 1) == (h | 1)) {
      ASSIGN_OR_RETURN(std::optional<DynamicSymbol> match, MatchSymbol(index, name));
      if (match) return match;
    }
    if ((link & 1) != 0) break;
  }
  return std::optional<DynamicSymbol>();
}

// DT_HASH: nbucket, nchain (u32 each), the buckets and the chain (u32 each), STN_UNDEF ending a
// chain.
Result<std::optional<DynamicSymbol>> ElfImage::LookupSysvHash(std::string_view name) const {
  const uint64_t base = *tables_.hash;
  ASSIGN_OR_RETURN(ByteSpan header, MappedBytes(base, 8, "DT_HASH header"));
  const auto nbucket = Load<uint32_t>(header, 0);
  const auto nchain = Load<uint32_t>(header, 4);
  if (nbucket == 0) return Bad("DT_HASH: nbucket is 0");
  const uint64_t buckets = base + 8;
  const uint64_t chain = buckets + uint64_t{nbucket} * 4;
  ASSIGN_OR_RETURN(
      ByteSpan bucket_bytes,
      MappedBytes(buckets + uint64_t{SysvHash(name) % nbucket} * 4, 4, "DT_HASH bucket"));
  uint32_t index = Load<uint32_t>(bucket_bytes, 0);
  // A chain visits each of the nchain symbols at most once; more steps mean a cycle.
  for (uint64_t steps = 0; index != STN_UNDEF; ++steps) {
    if (index >= nchain || steps >= nchain) {
      return Bad("DT_HASH: chain reaches symbol " + std::to_string(index) + " of " +
                 std::to_string(nchain) + " (out of range or a cycle)");
    }
    ASSIGN_OR_RETURN(std::optional<DynamicSymbol> match, MatchSymbol(index, name));
    if (match) return match;
    ASSIGN_OR_RETURN(ByteSpan link_bytes,
                     MappedBytes(chain + uint64_t{index} * 4, 4, "DT_HASH chain"));
    index = Load<uint32_t>(link_bytes, 0);
  }
  return std::optional<DynamicSymbol>();
}

}  // namespace confidant::image
