// The host of the end-to-end test: the ocalls of all.edl. Like the ecalls they cope with
// anything a bridge can hand them, for edl_bridge_fuzzer.

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <cwchar>

#include "all_u.h"
#include "e2e_values.h"
#include "host_record.h"

namespace e2e = confidant::edl::e2e;

int ocall_scalars(struct scalars s, enum color c, struct shape sh, union number n) {
  if (!e2e::SameScalars(s, e2e::Scalars())) return 1;
  if (c != BLUE) return 2;
  if (!e2e::SameShape(sh, e2e::Shape())) return 3;
  if (n.integer != 77) return 4;
  return 0;
}

void ocall_buffers(const uint8_t* in_buf, uint8_t* out_buf, int64_t* io, size_t n, uint16_t m) {
  for (size_t i = 0; i < n && in_buf != nullptr && out_buf != nullptr; ++i) {
    out_buf[i] = in_buf[i] ^ 0x5a;
  }
  for (uint16_t i = 0; i < m && io != nullptr; ++i) {
    io[i] = static_cast<int64_t>(0 - static_cast<uint64_t>(io[i]));
  }
}

size_t ocall_strings(const char* s, char* t, const wchar_t* w) {
  if (t != nullptr) {
    for (char* c = t; *c != '\0'; ++c) {
      *c = static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    }
  }
  return (s == nullptr ? 0 : std::strlen(s) * 100) + (w == nullptr ? 0 : std::wcslen(w));
}

int ocall_errno(int value) {
  errno = value;
  return -1;
}

void ocall_switchless(int x, int* doubled) {
  if (doubled != nullptr) *doubled = e2e::Wrap(int64_t{x} * 2);
}

void ocall_deep(struct buffer* b, struct polygon* p, const struct album* a) {
  if (b != nullptr) {
    for (size_t i = 0; i < b->size && b->data != nullptr; ++i) b->data[i] = ~b->data[i];
    b->tag = 9;
  }
  if (p != nullptr) {
    // A null member's count is whatever the caller said: loops run over present buffers only.
    for (uint32_t i = 0; i < p->count && p->points != nullptr; ++i) {
      p->points[i] = {e2e::Wrap(100 + int64_t{i}), e2e::Wrap(200 + int64_t{i})};
    }
    for (uint32_t i = 0; i < p->count && p->visible != nullptr; ++i) p->visible[i] = true;
    if (p->pair != nullptr) {
      p->pair[0] = 1;
      p->pair[1] = 2;
    }
    p->checksum = 5;
  }
  e2e::HostRecord& record = e2e::Record();
  record.album_seen = a != nullptr;
  if (a != nullptr) {
    record.album_id = a->id;
    record.album_cover_checksum = a->cover != nullptr ? a->cover->checksum : 0;
    record.album_page0 = a->pages != nullptr && a->pages[0].data != nullptr && a->pages[0].size > 1
                             ? a->pages[0].data[1]
                             : 0;
  }
}

uint64_t ocall_user_check(void* p) { return reinterpret_cast<uintptr_t>(p); }

struct shape ocall_shape(struct shape s) {
  s.label[0] = 'H';
  return s;
}

void ocall_arrays(int32_t a[4], key16 k, struct point c[2], bool flags[3]) {
  for (int i = 0; i < 16 && a != nullptr && k != nullptr; ++i) {
    k[i] = static_cast<uint8_t>(a[i / 4 % 4]);
  }
  for (int i = 0; i < 2 && c != nullptr; ++i) c[i].y = e2e::Wrap(c[i].y + int64_t{1});
  for (int i = 0; i < 3 && flags != nullptr; ++i) flags[i] = i != 1;
}

void lib_event(const char* name, uint32_t code) {
  e2e::Record().events.push_back(std::string(name == nullptr ? "" : name) + ":" +
                                 std::to_string(code));
}
