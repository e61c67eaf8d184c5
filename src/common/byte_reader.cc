#include "common/byte_reader.h"

#include <string>

namespace confidant {

Status ByteReader::TooShort(uint64_t need, std::string_view field) const {
  return InvalidArgumentError(context_ + ": " + std::string(field) + ": need " +
                              std::to_string(need) + " bytes, " + std::to_string(remaining()) +
                              " remain");
}

template <typename T, bool kBigEndian>
Result<T> ByteReader::ReadInt(std::string_view field) {
  ASSIGN_OR_RETURN(ByteSpan bytes, ReadBytes(sizeof(T), field));
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    size_t index = kBigEndian ? i : sizeof(T) - 1 - i;
    v = static_cast<T>((v << 8) | bytes[index]);
  }
  return v;
}

Result<uint8_t> ByteReader::ReadU8(std::string_view field) {
  return ReadInt<uint8_t, false>(field);
}
Result<uint16_t> ByteReader::ReadU16Le(std::string_view field) {
  return ReadInt<uint16_t, false>(field);
}
Result<uint32_t> ByteReader::ReadU32Le(std::string_view field) {
  return ReadInt<uint32_t, false>(field);
}
Result<uint64_t> ByteReader::ReadU64Le(std::string_view field) {
  return ReadInt<uint64_t, false>(field);
}
Result<uint16_t> ByteReader::ReadU16Be(std::string_view field) {
  return ReadInt<uint16_t, true>(field);
}
Result<uint32_t> ByteReader::ReadU32Be(std::string_view field) {
  return ReadInt<uint32_t, true>(field);
}
Result<uint64_t> ByteReader::ReadU64Be(std::string_view field) {
  return ReadInt<uint64_t, true>(field);
}

Result<ByteSpan> ByteReader::ReadBytes(uint64_t n, std::string_view field) {
  if (n > remaining()) return TooShort(n, field);
  ByteSpan out = data_.subspan(offset_, static_cast<size_t>(n));
  offset_ += static_cast<size_t>(n);
  return out;
}

Status ByteReader::Skip(uint64_t n, std::string_view field) { return ReadBytes(n, field).status(); }

Status ByteReader::ExpectZero(uint64_t n, std::string_view field) {
  if (n > remaining()) return TooShort(n, field);
  ByteSpan bytes = data_.subspan(offset_, static_cast<size_t>(n));
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] != 0) {
      return InvalidArgumentError(context_ + ": " + std::string(field) +
                                  ": reserved byte at offset " + std::to_string(offset_ + i) +
                                  " is not zero");
    }
  }
  offset_ += bytes.size();
  return OkStatus();
}

Result<ByteReader> ByteReader::Sub(uint64_t n, std::string_view field) {
  ASSIGN_OR_RETURN(ByteSpan bytes, ReadBytes(n, field));
  return ByteReader(bytes, context_ + ": " + std::string(field));
}

Status ByteReader::ExpectEnd() const {
  if (empty()) return OkStatus();
  return InvalidArgumentError(context_ + ": " + std::to_string(remaining()) + " trailing bytes");
}

void ByteWriter::Int(uint64_t v, int size, bool big_endian) {
  for (int i = 0; i < size; ++i) {
    int shift = 8 * (big_endian ? size - 1 - i : i);
    out_.push_back(static_cast<uint8_t>(v >> shift));
  }
}

}  // namespace confidant
