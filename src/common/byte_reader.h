// ByteReader: a cursor over untrusted bytes (quotes, reports, TPM structures, event logs).
//
// Every read checks the remaining length first and names the field in its error:
//   "quote: certification data: need 4096 bytes, 1210 remain"
// Sizes read from the input are taken as uint64_t and compared without arithmetic, so no length
// can overflow. A failed read leaves the cursor where it was. Views returned by ReadBytes/Rest
// point into the original buffer and live as long as it does.
//
// ByteWriter is the inverse: it appends integers and bytes to a buffer, for producing the same
// formats.
//
// Thread-safety: none; a reader or writer belongs to one thread.

#ifndef CONFIDANT_COMMON_BYTE_READER_H_
#define CONFIDANT_COMMON_BYTE_READER_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant {

class ByteReader {
 public:
  // `context` prefixes every error ("quote", "snp report").
  ByteReader(ByteSpan data, std::string_view context) : data_(data), context_(context) {}

  size_t offset() const { return offset_; }
  size_t remaining() const { return data_.size() - offset_; }
  bool empty() const { return remaining() == 0; }
  const std::string& context() const { return context_; }
  // The unread bytes; does not advance.
  ByteSpan Rest() const { return data_.subspan(offset_); }

  Result<uint8_t> ReadU8(std::string_view field);
  Result<uint16_t> ReadU16Le(std::string_view field);
  Result<uint32_t> ReadU32Le(std::string_view field);
  Result<uint64_t> ReadU64Le(std::string_view field);
  Result<uint16_t> ReadU16Be(std::string_view field);
  Result<uint32_t> ReadU32Be(std::string_view field);
  Result<uint64_t> ReadU64Be(std::string_view field);

  // A view of the next `n` bytes.
  Result<ByteSpan> ReadBytes(uint64_t n, std::string_view field);

  template <size_t N>
  Result<std::array<uint8_t, N>> ReadArray(std::string_view field) {
    ASSIGN_OR_RETURN(ByteSpan bytes, ReadBytes(N, field));
    std::array<uint8_t, N> out;
    std::memcpy(out.data(), bytes.data(), N);
    return out;
  }

  Status Skip(uint64_t n, std::string_view field);
  // Reads `n` bytes that a format reserves and requires to be zero; InvalidArgument names the
  // offset of the first non-zero byte.
  Status ExpectZero(uint64_t n, std::string_view field);
  // A reader over the next `n` bytes, with context "<context>: <field>"; this reader skips them.
  Result<ByteReader> Sub(uint64_t n, std::string_view field);
  // InvalidArgument unless every byte has been read: "<context>: 3 trailing bytes".
  Status ExpectEnd() const;

  // The error a read of `need` bytes for `field` gets: for formats that check sizes themselves.
  Status TooShort(uint64_t need, std::string_view field) const;

 private:
  template <typename T, bool kBigEndian>
  Result<T> ReadInt(std::string_view field);

  ByteSpan data_;
  size_t offset_ = 0;
  std::string context_;
};

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(v); }
  void U16Le(uint16_t v) { Int(v, 2, false); }
  void U32Le(uint32_t v) { Int(v, 4, false); }
  void U64Le(uint64_t v) { Int(v, 8, false); }
  void U16Be(uint16_t v) { Int(v, 2, true); }
  void U32Be(uint32_t v) { Int(v, 4, true); }
  void U64Be(uint64_t v) { Int(v, 8, true); }
  void Write(ByteSpan bytes) { Append(out_, bytes); }
  void Zeros(size_t n) { out_.insert(out_.end(), n, 0); }

  size_t size() const { return out_.size(); }
  const Bytes& bytes() const& { return out_; }
  Bytes Take() && { return std::move(out_); }

 private:
  void Int(uint64_t v, int size, bool big_endian);
  Bytes out_;
};

}  // namespace confidant

#endif  // CONFIDANT_COMMON_BYTE_READER_H_
