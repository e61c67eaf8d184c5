// Support code of the bridges and proxies that confidant-edger8r generates (docs/edl.md,
// "Messages"). Application code does not call it; generated `<edl>_t.cc` and `<edl>_u.cc` do, on
// both sides of the boundary.
//
// A Writer appends values to a message; a Reader takes a message apart. The Reader treats its
// input as hostile: every length is checked against the bytes left and every count and size for
// overflow before anything is allocated or copied, bools and null flags must be 0 or 1, strings
// must end with NUL, and a message must be used up exactly. Both record the first error (an
// InvalidArgument naming the call, the parameter and what was wrong) and then do nothing: after
// an error a Reader returns zeros and null pointers and allocates nothing, so generated code
// checks once per message.
//
// The encoding is little-endian LP64 (the host and the enclave run on one machine): values are
// their object bytes, bools one byte, pointers 64 bits, lengths uint64.
//
// Thread-safety: none; a call uses its own Writer, Reader, Arena and Shapes.

#ifndef CONFIDANT_EDGER8R_H_
#define CONFIDANT_EDGER8R_H_

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "confidant/status.h"

namespace confidant::edger8r {

static_assert(std::endian::native == std::endian::little, "EDL messages are little-endian");
static_assert(sizeof(void*) == 8 && sizeof(size_t) == 8 && sizeof(bool) == 1, "LP64 only");

// The most bytes of [out]-only buffers one call may make the callee allocate (the input message
// bounds every other allocation). Both sides must agree: define CONFIDANT_EDL_MAX_OUT_BYTES alike
// for the host and the enclave to change it.
#ifdef CONFIDANT_EDL_MAX_OUT_BYTES
inline constexpr uint64_t kMaxOutBytes = CONFIDANT_EDL_MAX_OUT_BYTES;
#else
inline constexpr uint64_t kMaxOutBytes = uint64_t{1} << 30;
#endif

// sizeof and alignof of a buffer element, with void counted as bytes.
template <typename T>
constexpr uint64_t SizeOf() {
  if constexpr (std::is_void_v<T>) {
    return 1;
  } else {
    return sizeof(T);
  }
}
template <typename T>
constexpr size_t AlignOf() {
  if constexpr (std::is_void_v<T>) {
    return 1;
  } else {
    return alignof(T);
  }
}

// The elements and bytes of one buffer.
struct Extent {
  uint64_t elements = 0;
  uint64_t bytes = 0;
};

// Memory a bridge allocates for one call: zeroed, aligned, freed when the call returns.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (const Block& block : blocks_) ::operator delete(block.data, block.alignment);
  }

  // At least one byte (a present buffer is never null), zeroed; null if memory is exhausted.
  void* Allocate(uint64_t bytes, size_t alignment) {
    std::align_val_t align{std::max(alignment, alignof(std::max_align_t))};
    size_t size = bytes == 0 ? 1 : bytes;
    void* data = ::operator new(size, align, std::nothrow);
    if (data == nullptr) return nullptr;
    std::memset(data, 0, size);
#if defined(__cpp_exceptions)
    try {
      blocks_.push_back({data, align});
    } catch (...) {
      ::operator delete(data, align);
      return nullptr;
    }
#else
    blocks_.push_back({data, align});
#endif
    return data;
  }

 private:
  struct Block {
    void* data;
    std::align_val_t alignment;
  };
  std::vector<Block> blocks_;
};

// The buffers of deep-copied struct members, recorded in the order they were sent. Results are
// copied back by this record, not by whatever the implementation left in the structs.
struct Shape {
  void* data = nullptr;
  Extent extent;
};

class Shapes {
 public:
  void Add(void* data, Extent extent) { list_.push_back({data, extent}); }
  // The next record in the order added; an empty one past the end.
  Shape Next() { return next_ < list_.size() ? list_[next_++] : Shape{}; }

 private:
  std::vector<Shape> list_;
  size_t next_ = 0;
};

// What Writer and Reader share: the call's name for messages, the first error, the checked
// arithmetic of extents. `where` names a parameter ("parameter out"), `member` a struct member.
class Codec {
 public:
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  // Records InvalidArgument "<call>: <where>: member <member>: <what>" if nothing failed before.
  void Fail(std::string_view where, std::string_view member, std::string_view what) {
    if (ok()) status_ = InvalidArgumentError(Message(where, member, what));
  }
  void Fail(Status status) {
    if (ok()) status_ = std::move(status);
  }

  // `count` elements of `element_size` bytes: count= and the default count of 1.
  template <typename T>
  Extent CountExtent(std::string_view where, std::string_view member, T count,
                     uint64_t element_size) {
    uint64_t n = 0;
    if (!Number(where, member, "count", count, &n)) return {};
    if (n > std::numeric_limits<uint64_t>::max() / element_size) {
      Fail(
          where, member,
          "count " + std::to_string(n) + " x " + std::to_string(element_size) + " bytes overflows");
      return {};
    }
    return {n, n * element_size};
  }

  // `size` bytes: size=. With `whole_elements` (elements encoded one by one) the size must be a
  // multiple of the element size.
  template <typename T>
  Extent SizeExtent(std::string_view where, std::string_view member, T size, uint64_t element_size,
                    bool whole_elements) {
    uint64_t n = 0;
    if (!Number(where, member, "size", size, &n)) return {};
    if (whole_elements && n % element_size != 0) {
      Fail(where, member,
           "size " + std::to_string(n) + " is not a multiple of the element size " +
               std::to_string(element_size));
      return {};
    }
    return {n / element_size, n};
  }

  // Counts `bytes` of [out]-only buffers against kMaxOutBytes for the whole call.
  bool ReserveOut(std::string_view where, std::string_view member, uint64_t bytes) {
    if (!ok()) return false;
    if (bytes > kMaxOutBytes - out_reserved_) {
      Fail(where, member,
           "[out] buffers of more than " + std::to_string(kMaxOutBytes) + " bytes in one call");
      return false;
    }
    out_reserved_ += bytes;
    return true;
  }

 protected:
  explicit Codec(std::string_view call) : call_(call) {}

  std::string Message(std::string_view where, std::string_view member,
                      std::string_view what) const {
    std::string message(call_);
    if (!where.empty()) message.append(": ").append(where);
    if (!member.empty()) message.append(": member ").append(member);
    return message.append(": ").append(what);
  }

  // An integer (or enum, or bool) count or size as uint64; a negative one fails.
  template <typename T>
  bool Number(std::string_view where, std::string_view member, const char* what, T value,
              uint64_t* out) {
    if (!ok()) return false;
    if constexpr (std::is_enum_v<T>) {
      return Number(where, member, what, static_cast<std::underlying_type_t<T>>(value), out);
    } else {
      static_assert(std::is_integral_v<T>, "size= and count= name an integer");
      if constexpr (std::is_signed_v<T>) {
        if (value < 0) {
          Fail(where, member, std::string(what) + " " + std::to_string(value) + " is negative");
          return false;
        }
      }
      *out = static_cast<uint64_t>(value);
      return true;
    }
  }

 private:
  std::string_view call_;
  Status status_;
  uint64_t out_reserved_ = 0;
};

// Builds a message. The caller's proxy also adds up the size of the output it expects back.
class Writer : public Codec {
 public:
  // `call` ("ecall f") must outlive the Writer.
  Writer(std::vector<uint8_t>& out, std::string_view call) : Codec(call), out_(out) {}

  void Raw(const void* data, uint64_t size) {
    if (!ok() || size == 0) return;
    const auto* bytes = static_cast<const uint8_t*>(data);
    out_.insert(out_.end(), bytes, bytes + size);
  }
  template <typename T>
  void Value(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>,
                  "EDL values cross the boundary as their bytes: the type must be trivially "
                  "copyable");
    if constexpr (std::is_same_v<T, long double> &&
                  std::numeric_limits<long double>::digits == 64) {
      // x87 extended precision: 10 bytes of value, then padding that must not leave this side.
      uint8_t bytes[sizeof(long double)] = {};
      std::memcpy(bytes, &value, 10);
      Raw(bytes, sizeof(bytes));
    } else {
      Raw(&value, sizeof(T));
    }
  }
  void Bool(bool value) {
    uint8_t byte = value ? 1 : 0;
    Raw(&byte, 1);
  }
  // [user_check] and struct members without size=/count=: the address, never followed.
  void Pointer(const volatile void* pointer) {
    Value(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(pointer)));
  }
  // A pointer parameter's or member's null flag; true if it is not null.
  bool Presence(const volatile void* pointer) {
    Bool(pointer != nullptr);
    return ok() && pointer != nullptr;
  }
  // A NUL-terminated string: its length in characters with the NUL, then the characters.
  template <typename C>
  Extent String(const C* text) {
    uint64_t length = std::char_traits<C>::length(text) + 1;
    Value(length);
    Raw(text, length * sizeof(C));
    return {length, length * sizeof(C)};
  }

  // The callee sends `bytes` (or `count` values of `wire_size` bytes) more back.
  void ExpectOutput(std::string_view where, std::string_view member, uint64_t bytes) {
    if (!ok()) return;
    if (bytes > std::numeric_limits<uint64_t>::max() - expected_output_) {
      Fail(where, member, "the output would exceed 2^64 bytes");
      return;
    }
    expected_output_ += bytes;
  }
  void ExpectOutputElements(std::string_view where, std::string_view member, uint64_t count,
                            uint64_t wire_size) {
    if (wire_size != 0 && count > std::numeric_limits<uint64_t>::max() / wire_size) {
      Fail(where, member, "the output would exceed 2^64 bytes");
      return;
    }
    ExpectOutput(where, member, count * wire_size);
  }
  // Mirrors Reader::Elements: elements that take no bytes in the message count as [out] bytes.
  void ReserveElements(std::string_view where, std::string_view member, Extent extent,
                       uint64_t min_wire_size) {
    if (min_wire_size == 0) ReserveOut(where, member, extent.bytes);
  }
  uint64_t expected_output() const { return expected_output_; }

 private:
  std::vector<uint8_t>& out_;
  uint64_t expected_output_ = 0;
};

// Takes a message apart, trusting none of it.
class Reader : public Codec {
 public:
  // `call` ("ecall f", "ecall f: output") must outlive the Reader; so must `in`.
  Reader(std::span<const uint8_t> in, std::string_view call) : Codec(call), in_(in) {}

  uint64_t remaining() const { return in_.size() - offset_; }

  void Raw(void* data, uint64_t size, std::string_view where, std::string_view member = {}) {
    const uint8_t* at = Take(size, where, member);
    if (at != nullptr && size != 0) std::memcpy(data, at, size);
  }
  template <typename T>
  void Value(T* value, std::string_view where, std::string_view member = {}) {
    static_assert(std::is_trivially_copyable_v<T>,
                  "EDL values cross the boundary as their bytes: the type must be trivially "
                  "copyable");
    Raw(value, sizeof(T), where, member);
  }
  void Bool(bool* value, std::string_view where, std::string_view member = {}) {
    uint8_t byte = 0;
    Raw(&byte, 1, where, member);
    if (byte > 1) Fail(where, member, "invalid bool " + std::to_string(byte));
    *value = ok() && byte == 1;
  }
  // An address passed through unchanged ([user_check]); never dereferenced here.
  template <typename T>
  void Pointer(T** value, std::string_view where, std::string_view member = {}) {
    uint64_t address = 0;
    Value(&address, where, member);
    *value = reinterpret_cast<T*>(static_cast<uintptr_t>(address));
  }
  // A null flag: true if the pointer is present.
  bool Presence(std::string_view where, std::string_view member = {}) {
    uint8_t byte = 0;
    Raw(&byte, 1, where, member);
    if (byte > 1) Fail(where, member, "invalid null flag " + std::to_string(byte));
    return ok() && byte == 1;
  }

  // An [in] buffer of `bytes`, copied out of the message.
  void* In(Arena& arena, std::string_view where, std::string_view member, uint64_t bytes,
           size_t alignment) {
    const uint8_t* at = Take(bytes, where, member);
    if (at == nullptr) return nullptr;
    void* data = Allocate(arena, where, member, bytes, alignment);
    if (data != nullptr && bytes != 0) std::memcpy(data, at, bytes);
    return data;
  }
  // An [out]-only buffer of `bytes`, zeroed; counted against kMaxOutBytes.
  void* Out(Arena& arena, std::string_view where, std::string_view member, uint64_t bytes,
            size_t alignment) {
    if (!ReserveOut(where, member, bytes)) return nullptr;
    return Allocate(arena, where, member, bytes, alignment);
  }
  // Zeroed room for `extent` elements that the message encodes one by one, each in at least
  // `min_wire_size` bytes: the message must hold that many (or, for elements that take no
  // bytes, the size counts as [out] bytes).
  void* Elements(Arena& arena, std::string_view where, std::string_view member, Extent extent,
                 uint64_t min_wire_size, size_t alignment) {
    if (!ok()) return nullptr;
    if (min_wire_size == 0) {
      if (!ReserveOut(where, member, extent.bytes)) return nullptr;
    } else if (extent.elements > remaining() / min_wire_size) {
      Fail(where, member,
           std::to_string(extent.elements) + " elements of at least " +
               std::to_string(min_wire_size) + " bytes need more than the " +
               std::to_string(remaining()) + " bytes left");
      return nullptr;
    }
    return Allocate(arena, where, member, extent.bytes, alignment);
  }
  // Checks that `count` bools at `data` are 0 or 1.
  void CheckBools(const void* data, uint64_t count, std::string_view where,
                  std::string_view member = {}) {
    if (!ok() || data == nullptr) return;
    const auto* bytes = static_cast<const uint8_t*>(data);
    for (uint64_t i = 0; i < count; ++i) {
      if (bytes[i] > 1) {
        Fail(where, member,
             "invalid bool " + std::to_string(bytes[i]) + " at element " + std::to_string(i));
        return;
      }
    }
  }
  // A string sent by Writer::String: at least one character, the last one NUL.
  template <typename C>
  C* String(Arena& arena, std::string_view where, std::string_view member, Extent* extent) {
    uint64_t length = 0;
    Value(&length, where, member);
    if (!ok()) return nullptr;
    if (length == 0) {
      Fail(where, member, "string of length 0 has no room for its NUL");
      return nullptr;
    }
    Extent e = CountExtent(where, member, length, sizeof(C));
    auto* text = static_cast<C*>(In(arena, where, member, e.bytes, alignof(C)));
    if (text == nullptr) return nullptr;
    if (text[length - 1] != C{}) {
      Fail(where, member,
           "string of " + std::to_string(length) + " characters does not end with NUL");
      return nullptr;
    }
    *extent = e;
    return text;
  }

  // Output into the caller's memory, checked before anything is written.
  void BoolsInto(bool* data, uint64_t count, std::string_view where, std::string_view member = {}) {
    const uint8_t* at = Take(count, where, member);
    if (at == nullptr) return;
    CheckBools(at, count, where, member);
    if (ok() && count != 0) std::memcpy(data, at, count);
  }
  template <typename C>
  void StringInto(C* text, Extent extent, std::string_view where, std::string_view member = {}) {
    const uint8_t* at = Take(extent.bytes, where, member);
    if (at == nullptr || extent.elements == 0) return;
    C last{};
    std::memcpy(&last, at + extent.bytes - sizeof(C), sizeof(C));
    if (last != C{}) {
      Fail(where, member, "returned string does not end with NUL");
      return;
    }
    std::memcpy(text, at, extent.bytes);
  }

  // OK if the message was read to its end without an error.
  Status Finish() {
    if (ok() && remaining() != 0) {
      Fail({}, {}, std::to_string(remaining()) + " bytes after the last value");
    }
    return status();
  }

 private:
  // The next `size` bytes, or null (and an error) if fewer are left.
  const uint8_t* Take(uint64_t size, std::string_view where, std::string_view member) {
    if (!ok()) return nullptr;
    if (size > remaining()) {
      Fail(where, member,
           "needs " + std::to_string(size) + " bytes, " + std::to_string(remaining()) + " left");
      return nullptr;
    }
    const uint8_t* at = in_.data() + offset_;
    offset_ += size;
    return at;
  }
  void* Allocate(Arena& arena, std::string_view where, std::string_view member, uint64_t bytes,
                 size_t alignment) {
    if (!ok()) return nullptr;
    void* data = arena.Allocate(bytes, alignment);
    if (data == nullptr) {
      Fail(ResourceExhaustedError(
          Message(where, member, "cannot allocate " + std::to_string(bytes) + " bytes")));
    }
    return data;
  }

  std::span<const uint8_t> in_;
  uint64_t offset_ = 0;
};

// Runs a bridge or proxy body, turning an exception (from the implementation or from memory
// allocation) into a Status: none crosses the boundary.
template <typename Body>
Status Guard(std::string_view call, Body&& body) {
#if defined(__cpp_exceptions)
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return ResourceExhaustedError(std::string(call) + ": out of memory");
  } catch (...) {
    return InternalError(std::string(call) + ": an exception escaped");
  }
#else
  (void)call;
  return body();
#endif
}

}  // namespace confidant::edger8r

#endif  // CONFIDANT_EDGER8R_H_
