#include "crypto/der.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <memory>
#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::Deleter;

using UniqueAsn1Object = std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT_free>>;
using UniqueAsn1Integer = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using UniqueAsn1Enumerated = std::unique_ptr<ASN1_ENUMERATED, Deleter<ASN1_ENUMERATED_free>>;
using UniqueAsn1String = std::unique_ptr<ASN1_STRING, Deleter<ASN1_STRING_free>>;

constexpr int kMaxOidText = 256;

// Encodes with an i2d function into a new buffer.
template <typename T, typename F>
Bytes I2d(T* value, F i2d) {
  int len = i2d(value, nullptr);
  if (len <= 0) return {};
  Bytes out(static_cast<size_t>(len));
  unsigned char* p = out.data();
  i2d(value, &p);
  return out;
}

}  // namespace

Result<DerElement> DerReader::Next() {
  if (rest_.empty()) return InvalidArgumentError(context_ + ": expected another DER element");
  const unsigned char* p = rest_.data();
  long length = 0;  // NOLINT(google-runtime-int): OpenSSL's type
  int tag = 0;
  int tag_class = 0;
  int flags = ASN1_get_object(&p, &length, &tag, &tag_class, static_cast<long>(rest_.size()));
  if ((flags & 0x80) != 0) {
    internal::ClearOpenSslErrors();
    return InvalidArgumentError(context_ + ": malformed DER element at a remaining length of " +
                                std::to_string(rest_.size()));
  }
  if ((flags & 0x01) != 0) {
    return InvalidArgumentError(context_ + ": indefinite length is not DER");
  }
  size_t header = static_cast<size_t>(p - rest_.data());
  if (length < 0 || static_cast<size_t>(length) > rest_.size() - header) {
    return InvalidArgumentError(context_ + ": DER length " + std::to_string(length) +
                                " exceeds remaining " + std::to_string(rest_.size() - header));
  }
  DerElement element;
  element.tag = tag;
  element.tag_class = tag_class >> 6;
  element.constructed = (flags & V_ASN1_CONSTRUCTED) != 0;
  element.contents = rest_.subspan(header, static_cast<size_t>(length));
  element.encoding = rest_.first(header + static_cast<size_t>(length));
  rest_ = rest_.subspan(element.encoding.size());
  return element;
}

Result<int> DerReader::PeekTag() const {
  DerReader copy = *this;
  ASSIGN_OR_RETURN(DerElement element, copy.Next());
  return element.tag;
}

Result<DerElement> DerReader::NextWithTag(int tag, std::string_view name) {
  DerReader copy = *this;
  ASSIGN_OR_RETURN(DerElement element, copy.Next());
  if (element.tag_class != 0 || element.tag != tag) {
    return InvalidArgumentError(context_ + ": expected " + std::string(name) + ", found tag " +
                                std::to_string(element.tag) + " of class " +
                                std::to_string(element.tag_class));
  }
  *this = std::move(copy);
  return element;
}

Result<DerReader> DerReader::ReadSequence() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerSequence, "SEQUENCE"));
  if (!element.constructed) return InvalidArgumentError(context_ + ": primitive SEQUENCE");
  return DerReader(element.contents, context_);
}

Result<std::string> DerReader::ReadOid() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerOid, "OBJECT IDENTIFIER"));
  const unsigned char* p = element.encoding.data();
  UniqueAsn1Object obj(d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(element.encoding.size())));
  if (!obj) return internal::OpenSslError(StatusCode::kInvalidArgument, context_ + ": bad OID");
  char text[kMaxOidText];
  int len = OBJ_obj2txt(text, sizeof(text), obj.get(), /*no_name=*/1);
  if (len <= 0 || len >= static_cast<int>(sizeof(text))) {
    return InvalidArgumentError(context_ + ": OID too long");
  }
  return std::string(text, static_cast<size_t>(len));
}

Result<int64_t> DerReader::ReadInteger() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerInteger, "INTEGER"));
  const unsigned char* p = element.encoding.data();
  UniqueAsn1Integer value(
      d2i_ASN1_INTEGER(nullptr, &p, static_cast<long>(element.encoding.size())));
  int64_t out = 0;
  if (!value || ASN1_INTEGER_get_int64(&out, value.get()) != 1) {
    internal::ClearOpenSslErrors();
    return InvalidArgumentError(context_ + ": INTEGER malformed or out of 64-bit range");
  }
  return out;
}

Result<ByteSpan> DerReader::ReadIntegerBytes() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerInteger, "INTEGER"));
  if (element.contents.empty()) return InvalidArgumentError(context_ + ": empty INTEGER");
  return element.contents;
}

Result<ByteSpan> DerReader::ReadOctetString() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerOctetString, "OCTET STRING"));
  if (element.constructed) return InvalidArgumentError(context_ + ": constructed OCTET STRING");
  return element.contents;
}

Result<int64_t> DerReader::ReadEnumerated() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerEnumerated, "ENUMERATED"));
  const unsigned char* p = element.encoding.data();
  UniqueAsn1Enumerated value(
      d2i_ASN1_ENUMERATED(nullptr, &p, static_cast<long>(element.encoding.size())));
  int64_t out = 0;
  if (!value || ASN1_ENUMERATED_get_int64(&out, value.get()) != 1) {
    internal::ClearOpenSslErrors();
    return InvalidArgumentError(context_ + ": ENUMERATED malformed or out of range");
  }
  return out;
}

Result<bool> DerReader::ReadBoolean() {
  ASSIGN_OR_RETURN(DerElement element, NextWithTag(kDerBoolean, "BOOLEAN"));
  // DER: exactly one octet, 0x00 or 0xff.
  if (element.contents.size() != 1 ||
      (element.contents[0] != 0x00 && element.contents[0] != 0xff)) {
    return InvalidArgumentError(context_ + ": BOOLEAN is not DER");
  }
  return element.contents[0] == 0xff;
}

Status DerReader::ExpectEnd() const {
  if (rest_.empty()) return OkStatus();
  return InvalidArgumentError(context_ + ": " + std::to_string(rest_.size()) +
                              " unexpected trailing bytes");
}

Result<Bytes> DerOid(std::string_view dotted) {
  UniqueAsn1Object obj(OBJ_txt2obj(std::string(dotted).c_str(), /*no_name=*/1));
  if (!obj) {
    return internal::OpenSslError(StatusCode::kInvalidArgument,
                                  "der: not a dotted OID: " + std::string(dotted));
  }
  return I2d(obj.get(), i2d_ASN1_OBJECT);
}

Bytes DerInteger(int64_t value) {
  UniqueAsn1Integer integer(ASN1_INTEGER_new());
  if (!integer || ASN1_INTEGER_set_int64(integer.get(), value) != 1) return {};
  return I2d(integer.get(), i2d_ASN1_INTEGER);
}

Bytes DerUnsignedInteger(ByteSpan big_endian) {
  internal::UniqueBn bn(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
  UniqueAsn1Integer integer(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
  if (!integer) return {};
  return I2d(integer.get(), i2d_ASN1_INTEGER);
}

Bytes DerOctetString(ByteSpan value) {
  UniqueAsn1String s(ASN1_OCTET_STRING_new());
  if (!s || ASN1_OCTET_STRING_set(s.get(), value.data(), static_cast<int>(value.size())) != 1) {
    return {};
  }
  return I2d(s.get(), i2d_ASN1_OCTET_STRING);
}

Bytes DerEnumerated(int64_t value) {
  UniqueAsn1Enumerated e(ASN1_ENUMERATED_new());
  if (!e || ASN1_ENUMERATED_set_int64(e.get(), value) != 1) return {};
  return I2d(e.get(), i2d_ASN1_ENUMERATED);
}

Bytes DerBoolean(bool value) {
  Bytes out(static_cast<size_t>(ASN1_object_size(/*constructed=*/0, 1, V_ASN1_BOOLEAN)));
  unsigned char* p = out.data();
  ASN1_put_object(&p, /*constructed=*/0, 1, V_ASN1_BOOLEAN, V_ASN1_UNIVERSAL);
  *p = value ? 0xff : 0x00;
  return out;
}

Bytes DerIa5String(std::string_view value) {
  UniqueAsn1String s(ASN1_IA5STRING_new());
  if (!s || ASN1_STRING_set(s.get(), value.data(), static_cast<int>(value.size())) != 1) return {};
  return I2d(s.get(), i2d_ASN1_IA5STRING);
}

Bytes DerSequence(std::span<const Bytes> elements) {
  size_t content_length = 0;
  for (const Bytes& e : elements) content_length += e.size();
  int total =
      ASN1_object_size(/*constructed=*/1, static_cast<int>(content_length), V_ASN1_SEQUENCE);
  if (total <= 0) return {};
  Bytes out(static_cast<size_t>(total));
  unsigned char* p = out.data();
  ASN1_put_object(&p, /*constructed=*/1, static_cast<int>(content_length), V_ASN1_SEQUENCE,
                  V_ASN1_UNIVERSAL);
  for (const Bytes& e : elements) {
    std::copy(e.begin(), e.end(), p);
    p += e.size();
  }
  return out;
}

}  // namespace confidant::crypto
