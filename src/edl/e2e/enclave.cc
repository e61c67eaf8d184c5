// The enclave of the end-to-end test: the ecalls of all.edl. Each one transforms what it got in
// a way the host checks, and copes with whatever a bridge can hand it (null pointers, any
// count), because edl_bridge_fuzzer calls these too.

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cwchar>
#include <string>

#include "all_t.h"
#include "e2e_values.h"

namespace e2e = confidant::edl::e2e;

struct scalars ecall_scalars(char c, short s, int i, long l, long long ll, unsigned char uc,
                             unsigned short us, unsigned int ui, unsigned long ul,
                             unsigned long long ull, int8_t i8, int16_t i16, int32_t i32,
                             int64_t i64, uint8_t u8, uint16_t u16, uint32_t u32, uint64_t u64,
                             size_t z, wchar_t w, bool b, float f, double d, long double ld) {
  return scalars{c,   s,   i,  l,   ll,  uc,  us, ui, ul, ull, i8, i16,
                 i32, i64, u8, u16, u32, u64, z,  w,  b,  f,   d,  ld};
}

bool ecall_check_scalars(struct scalars s) { return e2e::SameScalars(s, e2e::Scalars()); }

enum color ecall_next_color(enum color c, color fallback) {
  if (c == RED) return GREEN;
  if (c == GREEN) return BLUE;
  return fallback;
}

struct shape ecall_shape(struct shape s, union number n) {
  s.color = BLUE;
  s.filled = !s.filled;
  s.corners[1][1].x = e2e::Wrap(s.corners[1][1].x + int64_t{1});
  s.marks[2] = !s.marks[2];
  s.label[0] = 'S';
  s.weight = n;
  s.pair.a += 1;
  return s;
}

foreign_pair ecall_foreign(foreign_pair value, pair_ptr in_pair, pair_ptr out_pair, pair_ptr two,
                           key16 key, key16 key_out) {
  if (in_pair != nullptr && out_pair != nullptr) {
    *out_pair = {in_pair->a * 2, in_pair->b * 2};
  }
  if (two != nullptr) {
    for (int i = 0; i < 2; ++i) two[i] = {two[i].a + 1, two[i].b + 1};
  }
  if (key != nullptr && key_out != nullptr) {
    for (int i = 0; i < 16; ++i) key_out[i] = key[15 - i];
  }
  return {value.b, value.a};
}

uint64_t ecall_sum(const int32_t* values, size_t n) {
  if (values == nullptr) return UINT64_MAX;
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i) sum += values[i];
  return static_cast<uint64_t>(sum);
}

void ecall_fill(void* buf, uint32_t len, uint8_t value) {
  if (buf != nullptr) std::memset(buf, value, len);
}

void ecall_reverse(uint16_t* values, int n) {
  if (values != nullptr) std::reverse(values, values + n);
}

int64_t ecall_constants(const int64_t* four, uint8_t* eight, double* one, const char* six) {
  uint64_t sum = 0;  // wraps
  for (int i = 0; i < 4 && four != nullptr; ++i) sum += static_cast<uint64_t>(four[i]);
  if (eight != nullptr) {
    for (int i = 0; i < 8; ++i) eight[i] = static_cast<uint8_t>(i + 1);
  }
  if (one != nullptr) *one *= 2;
  if (six == nullptr || std::memcmp(six, "abcdef", 6) != 0) sum += 1000;
  return static_cast<int64_t>(sum);
}

void ecall_points(const struct point* in_points, struct point* out_points, struct point* moved,
                  uint8_t n) {
  for (uint8_t i = 0; i < n; ++i) {
    if (in_points != nullptr && out_points != nullptr) {
      out_points[i] = {in_points[i].y, in_points[i].x};
    }
    if (moved != nullptr) moved[i].x = e2e::Wrap(moved[i].x + int64_t{10});
  }
}

uint32_t ecall_point_bytes(const struct point* points, uint32_t bytes) {
  if (points == nullptr) return 0;
  uint32_t count = bytes / sizeof(point);
  return count == 0 ? 0 : count * 1000 + static_cast<uint32_t>(points[count - 1].x);
}

size_t ecall_flags(const bool* flags, bool* negated, size_t n) {
  if (flags == nullptr && negated == nullptr) return 0;  // n is then unbounded
  size_t set = 0;
  for (size_t i = 0; i < n; ++i) {
    bool flag = flags != nullptr && flags[i];
    set += flag ? 1 : 0;
    if (negated != nullptr) negated[i] = !flag;
  }
  return set;
}

uint64_t ecall_enum_count(const uint8_t* bytes, enum color k) {
  uint64_t sum = 0;
  if (bytes != nullptr) {
    for (int i = 0; i < static_cast<int>(k); ++i) sum += bytes[i];
  }
  return sum;
}

size_t ecall_strings(const char* s, char* upper, const wchar_t* w, wchar_t* reversed) {
  if (upper != nullptr) {
    for (char* c = upper; *c != '\0'; ++c) {
      *c = static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    }
  }
  if (reversed != nullptr) std::reverse(reversed, reversed + std::wcslen(reversed));
  return (s == nullptr ? 0 : std::strlen(s)) + (w == nullptr ? 0 : std::wcslen(w));
}

// The addresses come back unchanged: user_check pointers are never followed here.
void ecall_user_check(void* p, const char* s, int16_t values[4], pair_ptr pair,
                      uint64_t* addresses) {
  if (addresses == nullptr) return;
  addresses[0] = reinterpret_cast<uintptr_t>(p);
  addresses[1] = reinterpret_cast<uintptr_t>(s);
  addresses[2] = reinterpret_cast<uintptr_t>(values);
  addresses[3] = reinterpret_cast<uintptr_t>(pair);
}

void ecall_arrays(int32_t a[4], uint8_t b[2][3], struct point c[2], bool d[2][2]) {
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      if (a != nullptr && b != nullptr) b[i][j] = static_cast<uint8_t>(a[i] + int64_t{j});
    }
    if (c != nullptr) c[i].x = e2e::Wrap(-int64_t{c[i].x});
    for (int j = 0; j < 2; ++j) {
      if (d != nullptr) d[i][j] = !d[i][j];
    }
  }
}

namespace {

// A null member's count is whatever the caller said: loops run over present buffers only.
uint64_t Checksum(const polygon& p) {
  uint64_t sum = p.checksum;
  for (uint32_t i = 0; i < p.count && p.points != nullptr; ++i) {
    sum += static_cast<uint64_t>(int64_t{p.points[i].x} + p.points[i].y);
  }
  for (uint32_t i = 0; i < p.count && p.visible != nullptr; ++i) sum += p.visible[i] ? 1000 : 0;
  if (p.pair != nullptr) sum += p.pair[0] * 100000u + p.pair[1];
  return sum;
}

}  // namespace

uint64_t ecall_deep_in(const struct buffer* b, const struct polygon* p, size_t n) {
  uint64_t sum = 0;
  if (b != nullptr) {
    sum += b->tag;
    for (size_t i = 0; i < b->size && b->data != nullptr; ++i) sum += b->data[i];
  }
  for (size_t i = 0; i < n && p != nullptr; ++i) sum += Checksum(p[i]);
  return sum;
}

void ecall_deep_inout(struct buffer* b, struct polygon* p) {
  if (b != nullptr) {
    for (size_t i = 0; i < b->size && b->data != nullptr; ++i) b->data[i] += 1;
    b->tag *= 2;
    b->size = 0;        // the caller keeps its size: results travel by what was sent
    b->data = nullptr;  // and its pointer
  }
  for (int k = 0; k < 2 && p != nullptr; ++k) {
    polygon& g = p[k];
    for (uint32_t i = 0; i < g.count && g.points != nullptr; ++i) {
      g.points[i].x = e2e::Wrap(int64_t{g.points[i].x} * 2);
    }
    for (uint32_t i = 0; i < g.count && g.visible != nullptr; ++i) g.visible[i] = !g.visible[i];
    if (g.pair != nullptr) g.pair[1] += 1;
    g.checksum = Checksum(g);
    g.count = 999;
  }
}

void ecall_deep_out(struct polygon* p, struct buffer* b) {
  if (p != nullptr) {
    for (uint32_t i = 0; i < p->count && p->points != nullptr; ++i) {
      p->points[i] = {e2e::Wrap(i), e2e::Wrap(-int64_t{i})};
    }
    for (uint32_t i = 0; i < p->count && p->visible != nullptr; ++i) p->visible[i] = true;
    if (p->pair != nullptr) {
      p->pair[0] = 7;
      p->pair[1] = 8;
    }
    p->checksum = 42;
  }
  for (int k = 0; k < 2 && b != nullptr; ++k) {
    if (b[k].data != nullptr) std::memset(b[k].data, k + 1, b[k].size);
    b[k].tag = 100 + static_cast<uint32_t>(k);
  }
}

void ecall_deep_nested(struct album* a) {
  if (a == nullptr) return;
  a->id += a->cover != nullptr ? a->cover->count : 0;
  for (int k = 0; k < 2 && a->pages != nullptr; ++k) {
    buffer& page = a->pages[k];
    for (size_t i = 0; i < page.size && page.data != nullptr; ++i) page.data[i] ^= 0xff;
    page.tag += 1;
  }
}

int ecall_switchless(int x) { return e2e::Wrap(int64_t{x} * 3); }

struct lib_pair lib_scale(struct lib_pair p, int32_t factor) {
  return {e2e::Wrap(int64_t{p.first} * factor), e2e::Wrap(int64_t{p.second} * factor)};
}

namespace {

// Each check of ecall_run_ocalls has a number; the first failing one is returned.
class Checks {
 public:
  void Expect(bool ok) {
    ++number_;
    if (!ok && failed_ == 0) failed_ = number_;
  }
  int failed() const { return failed_; }

 private:
  int number_ = 0;
  int failed_ = 0;
};

}  // namespace

int ecall_run_ocalls() {
  Checks check;
  int result = -1;
  shape sh = e2e::Shape();
  number n{};
  n.integer = 77;
  check.Expect(ocall_scalars(&result, e2e::Scalars(), BLUE, sh, n).ok() && result == 0);

  uint8_t in_buf[4] = {1, 2, 3, 4};
  uint8_t out_buf[4] = {};
  int64_t io[2] = {5, -6};
  check.Expect(ocall_buffers(in_buf, out_buf, io, 4, 2).ok());
  check.Expect(out_buf[0] == (1 ^ 0x5a) && out_buf[3] == (4 ^ 0x5a) && io[0] == -5 && io[1] == 6);
  check.Expect(ocall_buffers(nullptr, nullptr, nullptr, 4, 2).ok());

  char t[] = "mixed Case";
  size_t length = 0;
  check.Expect(ocall_strings(&length, "four", t, L"three").ok());
  check.Expect(length == 405 && std::string(t) == "MIXED CASE");

  errno = 0;
  check.Expect(ocall_errno(&result, 42).ok() && result == -1 && errno == 42);
  int doubled = 0;
  errno = 5;
  check.Expect(ocall_switchless(21, &doubled).ok() && doubled == 42 && errno == 0);

  uint8_t data[3] = {1, 2, 3};
  buffer b{3, data, 1};
  point points[2] = {};
  bool visible[2] = {};
  uint16_t pair[2] = {};
  polygon p{2, points, pair, visible, 0};
  uint8_t page_data[2] = {9, 8};
  buffer pages[2] = {{2, page_data, 3}, {0, nullptr, 4}};
  polygon cover{0, nullptr, nullptr, nullptr, 11};
  album a{5, pages, &cover};
  check.Expect(ocall_deep(&b, &p, &a).ok());
  check.Expect(data[0] == 0xfe && data[2] == 0xfc && b.tag == 9 && b.size == 3);
  check.Expect(points[1].x == 101 && points[1].y == 201 && visible[0] && visible[1] &&
               pair[0] == 1 && pair[1] == 2 && p.checksum == 5 && p.count == 2);

  uint64_t address = 0;
  void* raw = reinterpret_cast<void*>(uintptr_t{0xdeadbeef000});
  check.Expect(ocall_user_check(&address, raw).ok() && address == 0xdeadbeef000);

  shape echoed{};
  check.Expect(ocall_shape(&echoed, sh).ok() && echoed.label[0] == 'H');
  echoed.label[0] = sh.label[0];
  check.Expect(e2e::SameShape(echoed, sh));

  int32_t values[4] = {1, 2, 3, 4};
  key16 key{};
  point c[2] = {{1, 1}, {2, 2}};
  bool flags[3] = {};
  check.Expect(ocall_arrays(values, key, c, flags).ok());
  check.Expect(key[0] == 1 && key[5] == 2 && key[15] == 4 && c[0].y == 2 && c[1].y == 3 &&
               flags[0] && !flags[1] && flags[2]);

  check.Expect(lib_event("ran", 7).ok());
  return check.failed();
}

void ecall_ocall_status(int which, char* message, size_t size) {
  confidant::Status status;
  switch (static_cast<e2e::OcallProbe>(which)) {
    case e2e::OcallProbe::kBuffers: {
      uint8_t in_buf[4] = {1, 2, 3, 4};
      uint8_t out_buf[4] = {};
      int64_t io[2] = {5, -6};
      status = ocall_buffers(in_buf, out_buf, io, 4, 2);
      break;
    }
    case e2e::OcallProbe::kStrings: {
      char t[] = "abc";
      size_t length = 0;
      status = ocall_strings(&length, "s", t, L"w");
      break;
    }
    case e2e::OcallProbe::kDeep: {
      uint8_t data[3] = {1, 2, 3};
      buffer b{3, data, 1};
      point points[2] = {};
      bool visible[2] = {};
      uint16_t pair[2] = {};
      polygon p{2, points, pair, visible, 0};
      status = ocall_deep(&b, &p, nullptr);
      break;
    }
    case e2e::OcallProbe::kErrno: {
      int result = 0;
      status = ocall_errno(&result, 7);
      break;
    }
    case e2e::OcallProbe::kScalars: {
      int result = 0;
      status = ocall_scalars(&result, e2e::Scalars(), RED, e2e::Shape(), number{});
      break;
    }
    default:
      status = confidant::NotFoundError("no such probe");
  }
  if (message != nullptr && size > 0) {
    std::string text = status.ToString();
    size_t n = std::min(text.size(), size - 1);
    std::memcpy(message, text.data(), n);
    message[n] = '\0';
  }
}
