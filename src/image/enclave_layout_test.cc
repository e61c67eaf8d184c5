// The enclave layout's offsets from the table in docs/enclave-images.md, image page contents as
// ld.so maps them, the TCS page, and MRENCLAVE replayed here from the same table with
// MrEnclaveBuilder.

#include "image/enclave_layout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "image/testdata/fixtures.h"

namespace confidant::image {
namespace {

using ::testing::HasSubstr;

constexpr uint64_t kPage = 4096;

EnclaveConfig SmallConfig() {
  EnclaveConfig c;
  c.num_heap_pages = 16;
  c.num_stack_pages = 8;
  c.num_tcs = 2;
  return c;
}

struct Parsed {
  Bytes elf;
  ElfImage image;
};

Parsed ParseFixture(Bytes elf) {
  Result<ElfImage> image = ElfImage::Parse(elf);
  EXPECT_TRUE(image.ok()) << image.status();
  return {std::move(elf), *image};
}

uint64_t LeAt(ByteSpan b, size_t at, size_t width) {
  uint64_t v = 0;
  for (size_t i = 0; i < width; ++i) v |= uint64_t{b[at + i]} << (8 * i);
  return v;
}

TEST(EnclaveLayoutTest, OffsetsFollowTheTable) {
  Parsed p = ParseFixture(fixtures::Minimal());
  Result<EnclaveLayout> layout = ComputeEnclaveLayout(p.image, SmallConfig());
  ASSERT_TRUE(layout.ok()) << layout.status();
  const uint64_t span = p.image.span();
  EXPECT_EQ(layout->image_span, span);
  EXPECT_EQ(layout->heap_offset, span + kPage);
  EXPECT_EQ(layout->heap_size, 16 * kPage);
  ASSERT_EQ(layout->tcs.size(), 2u);
  uint64_t next = layout->heap_offset + layout->heap_size + kPage;
  for (const TcsLayout& t : layout->tcs) {
    EXPECT_EQ(t.stack_offset, next);
    EXPECT_EQ(t.stack_size, 8 * kPage);
    EXPECT_EQ(t.tcs_offset, t.stack_offset + t.stack_size + kPage);
    EXPECT_EQ(t.ssa_offset, t.tcs_offset + kPage);
    EXPECT_EQ(t.ssa_size, 2 * kPage);
    next = t.ssa_offset + t.ssa_size + kPage;
  }
  EXPECT_EQ(layout->layout_end, next);
  EXPECT_EQ(layout->layout_end, span + (1 + 16 + 1 + 2 * (8 + 1 + 1 + 2 + 1)) * kPage);
  EXPECT_EQ(layout->enclave_size, std::bit_ceil(layout->layout_end));
  EXPECT_EQ(layout->entry_offset, *p.image.entry_offset());
}

TEST(EnclaveLayoutTest, RegionsAreContiguousAndInOrder) {
  Parsed p = ParseFixture(fixtures::Data());
  Result<EnclaveLayout> layout = ComputeEnclaveLayout(p.image, SmallConfig());
  ASSERT_TRUE(layout.ok()) << layout.status();
  const size_t segments = p.image.load_segments().size();
  std::vector<RegionKind> kinds;
  for (const Region& r : layout->regions) kinds.push_back(r.kind);
  std::vector<RegionKind> expected(segments, RegionKind::kImage);
  for (RegionKind k : {RegionKind::kGuard, RegionKind::kHeap, RegionKind::kGuard}) {
    expected.push_back(k);
  }
  for (int i = 0; i < 2; ++i) {
    for (RegionKind k : {RegionKind::kStack, RegionKind::kGuard, RegionKind::kTcs, RegionKind::kSsa,
                         RegionKind::kGuard}) {
      expected.push_back(k);
    }
  }
  EXPECT_EQ(kinds, expected);
  for (size_t i = segments + 1; i < layout->regions.size(); ++i) {
    const Region& before = layout->regions[i - 1];
    EXPECT_EQ(layout->regions[i].offset, before.offset + before.size) << i;
  }
  EXPECT_EQ(layout->regions[segments].offset, layout->image_span);
  for (const Region& r : layout->regions) {
    EXPECT_EQ(r.offset % kPage, 0u);
    EXPECT_EQ(r.size % kPage, 0u);
    switch (r.kind) {
      case RegionKind::kGuard:
        EXPECT_EQ(r.secinfo_flags, 0u);
        EXPECT_EQ(r.size, kPage);
        break;
      case RegionKind::kHeap:
      case RegionKind::kStack:
        EXPECT_EQ(r.secinfo_flags, kSecinfoRegRw);
        EXPECT_FALSE(r.measured);
        break;
      case RegionKind::kTcs:
        EXPECT_EQ(r.secinfo_flags, kSecinfoTcs);
        EXPECT_TRUE(r.measured);
        break;
      case RegionKind::kSsa:
        EXPECT_EQ(r.secinfo_flags, kSecinfoRegRw);
        EXPECT_TRUE(r.measured);
        break;
      case RegionKind::kImage:
        EXPECT_TRUE(r.measured);
        EXPECT_EQ(r.secinfo_flags & kSecinfoPageTypeMask, kPageTypeReg);
        break;
    }
  }
  // The image regions carry their segments' permissions.
  for (size_t i = 0; i < segments; ++i) {
    const LoadSegment& s = p.image.load_segments()[i];
    const Region& r = layout->regions[i];
    EXPECT_EQ(r.offset, s.page_begin());
    EXPECT_EQ(r.offset + r.size, s.page_end());
    EXPECT_EQ((r.secinfo_flags & kSecinfoR) != 0, s.readable());
    EXPECT_EQ((r.secinfo_flags & kSecinfoW) != 0, s.writable());
    EXPECT_EQ((r.secinfo_flags & kSecinfoX) != 0, s.executable());
  }
  EXPECT_EQ(layout->entry_offset, 0u);  // no confidant_enclave_entry
}

TEST(EnclaveLayoutTest, TcsPageFields) {
  Parsed p = ParseFixture(fixtures::Minimal());
  EnclaveLayout layout = *ComputeEnclaveLayout(p.image, SmallConfig());
  for (size_t i = 0; i < 2; ++i) {
    std::array<uint8_t, 4096> tcs = TcsPage(layout, i);
    EXPECT_EQ(LeAt(tcs, 0, 8), 0u);                         // STATE
    EXPECT_EQ(LeAt(tcs, 8, 8), 0u);                         // FLAGS
    EXPECT_EQ(LeAt(tcs, 16, 8), layout.tcs[i].ssa_offset);  // OSSA
    EXPECT_EQ(LeAt(tcs, 24, 4), 0u);                        // CSSA
    EXPECT_EQ(LeAt(tcs, 28, 4), 2u);                        // NSSA
    EXPECT_EQ(LeAt(tcs, 32, 8), *p.image.entry_offset());   // OENTRY
    EXPECT_NE(LeAt(tcs, 32, 8), 0u);
    EXPECT_EQ(LeAt(tcs, 40, 8), 0u);      // AEP
    EXPECT_EQ(LeAt(tcs, 48, 8), 0u);      // OFSBASE
    EXPECT_EQ(LeAt(tcs, 56, 8), 0u);      // OGSBASE
    EXPECT_EQ(LeAt(tcs, 64, 4), 0xfffu);  // FSLIMIT
    EXPECT_EQ(LeAt(tcs, 68, 4), 0xfffu);  // GSLIMIT
    for (size_t k = 72; k < tcs.size(); ++k) ASSERT_EQ(tcs[k], 0) << k;
  }
}

// Every byte of every image page, against the loader's rule stated byte by byte: inside
// [p_vaddr, p_vaddr + p_filesz) the file's byte; inside [p_vaddr + p_filesz, p_vaddr + p_memsz)
// zero; elsewhere in a page that maps file bytes, the file's byte at the congruent offset (zero
// past the end of the file); a page past the file bytes is zero.
TEST(EnclaveLayoutTest, ImagePagesHoldWhatTheLoaderMaps) {
  for (Bytes elf : {fixtures::Minimal(), fixtures::Data()}) {
    Parsed p = ParseFixture(elf);
    bool saw_zeroed_tail = false;
    for (const LoadSegment& s : p.image.load_segments()) {
      const uint64_t file_pages_end = (s.vaddr + s.filesz + kPage - 1) / kPage * kPage;
      for (uint64_t page = s.page_begin(); page < s.page_end(); page += kPage) {
        std::array<uint8_t, 4096> content = ImagePage(p.image, s, page);
        for (uint64_t a = page; a < page + kPage; ++a) {
          uint8_t expected = 0;
          const uint64_t file_at = s.offset - s.vaddr + a;  // congruent file offset
          if (a >= s.vaddr + s.filesz && a < s.vaddr + s.memsz) {
            expected = 0;
            saw_zeroed_tail |= a < file_pages_end && file_at < elf.size() && elf[file_at] != 0;
          } else if (a < file_pages_end && file_at < elf.size()) {
            expected = elf[file_at];
          }
          ASSERT_EQ(content[a - page], expected) << "offset " << a;
        }
      }
    }
    // The data image's .bss starts inside a file page whose later file bytes are not zero.
    if (p.image.tls()) {
      EXPECT_TRUE(saw_zeroed_tail);
    }
  }
}

// MRENCLAVE from the documented sequence, replayed here.
Measurement ReplayMeasurement(const ElfImage& image, const EnclaveLayout& layout) {
  MrEnclaveBuilder b;
  EXPECT_TRUE(b.Ecreate(1, layout.enclave_size).ok());
  std::array<uint8_t, 4096> zeros{};
  for (const LoadSegment& s : image.load_segments()) {
    uint64_t flags = kPageTypeReg | (s.readable() ? kSecinfoR : 0) |
                     (s.writable() ? kSecinfoW : 0) | (s.executable() ? kSecinfoX : 0);
    for (uint64_t page = s.page_begin(); page < s.page_end(); page += kPage) {
      EXPECT_TRUE(b.AddPage(page, flags, ImagePage(image, s, page), true).ok());
    }
  }
  for (uint64_t i = 0; i < layout.heap_size / kPage; ++i) {
    EXPECT_TRUE(b.Eadd(layout.heap_offset + i * kPage, kSecinfoRegRw).ok());
  }
  for (size_t t = 0; t < layout.tcs.size(); ++t) {
    const TcsLayout& tcs = layout.tcs[t];
    for (uint64_t i = 0; i < tcs.stack_size / kPage; ++i) {
      EXPECT_TRUE(b.Eadd(tcs.stack_offset + i * kPage, kSecinfoRegRw).ok());
    }
    EXPECT_TRUE(b.AddPage(tcs.tcs_offset, kSecinfoTcs, TcsPage(layout, t), true).ok());
    EXPECT_TRUE(b.AddPage(tcs.ssa_offset, kSecinfoRegRw, zeros, true).ok());
    EXPECT_TRUE(b.AddPage(tcs.ssa_offset + kPage, kSecinfoRegRw, zeros, true).ok());
  }
  return *b.Finish();
}

TEST(EnclaveLayoutTest, MeasurementFollowsTheDocumentedSequence) {
  for (Bytes elf : {fixtures::Minimal(), fixtures::Data(), fixtures::SysvHash()}) {
    Parsed p = ParseFixture(elf);
    EnclaveLayout layout = *ComputeEnclaveLayout(p.image, SmallConfig());
    Result<Measurement> m = MeasureEnclave(p.image, SmallConfig());
    ASSERT_TRUE(m.ok()) << m.status();
    EXPECT_EQ(*m, ReplayMeasurement(p.image, layout));
    EXPECT_EQ(*m, *MeasureEnclave(p.image, layout));
    EXPECT_EQ(*m, *MeasureEnclave(p.image, SmallConfig()));  // stable
  }
}

TEST(EnclaveLayoutTest, MeasurementDependsOnLayoutButNotIdentity) {
  Parsed p = ParseFixture(fixtures::Minimal());
  const Measurement base = *MeasureEnclave(p.image, SmallConfig());
  EnclaveConfig c = SmallConfig();
  c.num_heap_pages = 17;
  EXPECT_NE(*MeasureEnclave(p.image, c), base);
  c = SmallConfig();
  c.num_stack_pages = 9;
  EXPECT_NE(*MeasureEnclave(p.image, c), base);
  c = SmallConfig();
  c.num_tcs = 1;
  EXPECT_NE(*MeasureEnclave(p.image, c), base);
  // Identity and debug are in the SIGSTRUCT, not in MRENCLAVE.
  c = SmallConfig();
  c.debug = true;
  c.product_id = 7;
  c.security_version = 9;
  EXPECT_EQ(*MeasureEnclave(p.image, c), base);
}

TEST(EnclaveLayoutTest, MeasurementCoversCodeButNotUnloadedBytes) {
  Bytes elf = fixtures::Minimal();
  Parsed p = ParseFixture(elf);
  const Measurement base = *MeasureEnclave(p.image, SmallConfig());
  const LoadSegment* code = nullptr;
  for (const LoadSegment& s : p.image.load_segments()) {
    if (s.executable()) code = &s;
  }
  ASSERT_NE(code, nullptr);
  Bytes flipped = elf;
  flipped[code->offset + 1] ^= 0x01;
  Parsed q = ParseFixture(flipped);
  EXPECT_NE(*MeasureEnclave(q.image, SmallConfig()), base);

  // File bytes past the last page a segment maps (the loader maps whole pages) are not loaded,
  // so not measured; bytes inside those pages are, even outside the segments' file ranges.
  uint64_t mapped_end = 0;
  for (const LoadSegment& s : p.image.load_segments()) {
    mapped_end = std::max(mapped_end, (s.offset + s.filesz + kPage - 1) / kPage * kPage);
  }
  if (mapped_end <= elf.size()) {
    Bytes inside = elf;
    inside[mapped_end - 1] ^= 0x01;
    Parsed r = ParseFixture(inside);
    EXPECT_NE(*MeasureEnclave(r.image, SmallConfig()), base);
  }
  if (elf.size() > mapped_end) {
    Bytes outside = elf;
    outside[mapped_end] ^= 0x01;
    Parsed t = ParseFixture(outside);
    EXPECT_EQ(*MeasureEnclave(t.image, SmallConfig()), base);
  }
}

TEST(EnclaveLayoutTest, RefusesLayoutsBeyondTheLimit) {
  Parsed p = ParseFixture(fixtures::Minimal());
  EnclaveConfig c;
  c.num_heap_pages = kMaxHeapPages;
  c.num_stack_pages = kMaxStackPages;
  c.num_tcs = kMaxTcs;
  Result<EnclaveLayout> layout = ComputeEnclaveLayout(p.image, c);
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(layout.status().message(), HasSubstr("layout: the enclave would take 0x"));
  EXPECT_THAT(layout.status().message(), HasSubstr("more than the 64 GiB Confidant lays out"));
  EXPECT_FALSE(MeasureEnclave(p.image, c).ok());
}

}  // namespace
}  // namespace confidant::image
