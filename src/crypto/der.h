// DER reading and writing for the custom X.509 extensions of attestation certificates (Intel's
// SGX extension 1.2.840.113741.1.13.1, AMD's VCEK TCB extensions 1.3.6.1.4.1.3704.1.*).
//
// DerReader walks the elements of one DER buffer in order. The input is untrusted: every element's
// length is checked against what remains, indefinite lengths (BER) are refused, and each error
// names the reader's context. Element decoding is done by OpenSSL (ASN1_get_object, d2i_ASN1_*).
//
// The Der* functions encode single elements; DerSequence frames already-encoded elements.

#ifndef CONFIDANT_CRYPTO_DER_H_
#define CONFIDANT_CRYPTO_DER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/bytes.h"
#include "common/result.h"

namespace confidant::crypto {

// Universal tag numbers used by the readers below.
inline constexpr int kDerBoolean = 1;
inline constexpr int kDerInteger = 2;
inline constexpr int kDerOctetString = 4;
inline constexpr int kDerIa5String = 22;
inline constexpr int kDerOid = 6;
inline constexpr int kDerEnumerated = 10;
inline constexpr int kDerSequence = 16;

struct DerElement {
  int tag = 0;        // tag number
  int tag_class = 0;  // 0 universal, 1 application, 2 context-specific, 3 private
  bool constructed = false;
  ByteSpan contents;  // the value octets
  ByteSpan encoding;  // the whole element: identifier, length and contents
};

class DerReader {
 public:
  // Views `der`, which must outlive the reader.
  DerReader(ByteSpan der, std::string context) : rest_(der), context_(std::move(context)) {}

  bool empty() const { return rest_.empty(); }
  // The tag number of the next element, without consuming it.
  Result<int> PeekTag() const;

  // The next element, whatever it is.
  Result<DerElement> Next();
  // A reader over the contents of the next element, which must be a SEQUENCE.
  Result<DerReader> ReadSequence();
  // Dotted-decimal text of the next element, which must be an OBJECT IDENTIFIER.
  Result<std::string> ReadOid();
  // The next INTEGER; InvalidArgument if it does not fit in int64_t.
  Result<int64_t> ReadInteger();
  // The next INTEGER's contents: big-endian two's complement as encoded.
  Result<ByteSpan> ReadIntegerBytes();
  Result<ByteSpan> ReadOctetString();
  Result<int64_t> ReadEnumerated();
  Result<bool> ReadBoolean();
  // InvalidArgument unless every element was read.
  Status ExpectEnd() const;

 private:
  Result<DerElement> NextWithTag(int tag, std::string_view name);
  ByteSpan rest_;
  std::string context_;
};

Result<Bytes> DerOid(std::string_view dotted);
Bytes DerInteger(int64_t value);
// A non-negative INTEGER from unsigned big-endian bytes (leading zeros are dropped).
Bytes DerUnsignedInteger(ByteSpan big_endian);
Bytes DerOctetString(ByteSpan value);
Bytes DerEnumerated(int64_t value);
Bytes DerBoolean(bool value);
Bytes DerIa5String(std::string_view value);
// SEQUENCE of the given already-encoded elements.
Bytes DerSequence(std::span<const Bytes> elements);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_DER_H_
