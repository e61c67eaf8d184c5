#include "image/sigstruct.h"

#include <algorithm>
#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"
#include "crypto/hash.h"
#include "crypto/rsa_sigstruct.h"
#include "crypto/signature.h"

namespace confidant::image {
namespace {

// `be` (at most 384 bytes) as a 384-byte little-endian array.
RsaLe ToLe(ByteSpan be) {
  RsaLe out{};
  std::copy(be.rbegin(), be.rend(), out.begin());
  return out;
}

void WriteAttributes(ByteWriter& w, const SgxAttributes& a) {
  w.U64Le(a.flags);
  w.U64Le(a.xfrm);
}

void WriteHeader(ByteWriter& w, const SigstructFields& f) {
  w.Write(kSigstructHeader);
  w.U32Le(f.debug ? kSigstructTypeDebug : 0);
  w.U32Le(f.vendor);
  w.U32Le(f.date);
  w.Write(kSigstructHeader2);
  w.U32Le(f.sw_defined);
  w.Zeros(84);
}

void WriteBody(ByteWriter& w, const SigstructFields& f) {
  w.U32Le(f.misc_select);
  w.U32Le(f.misc_mask);
  w.Zeros(4);
  w.Write(f.isv_family_id);
  WriteAttributes(w, f.attributes);
  WriteAttributes(w, f.attribute_mask);
  w.Write(f.enclave_hash);
  w.Zeros(16);
  w.Write(f.isv_ext_prod_id);
  w.U16Le(f.isv_prod_id);
  w.U16Le(f.isv_svn);
}

bool IsBcd(uint32_t v) {
  for (int i = 0; i < 8; ++i, v >>= 4) {
    if ((v & 0xf) > 9) return false;
  }
  return true;
}

Status ExpectConstant(ByteReader& r, ByteSpan expected, std::string_view field) {
  ASSIGN_OR_RETURN(ByteSpan got, r.ReadBytes(expected.size(), field));
  if (!std::equal(got.begin(), got.end(), expected.begin())) {
    return InvalidArgumentError("sigstruct: " + std::string(field) + " is " + HexEncode(got) +
                                ", expected " + HexEncode(expected));
  }
  return OkStatus();
}

Result<SgxAttributes> ReadAttributes(ByteReader& r, std::string_view field) {
  SgxAttributes a;
  ASSIGN_OR_RETURN(a.flags, r.ReadU64Le(field));
  ASSIGN_OR_RETURN(a.xfrm, r.ReadU64Le(field));
  return a;
}

Status ReadHeader(ByteReader& r, SigstructFields& f) {
  RETURN_IF_ERROR(ExpectConstant(r, kSigstructHeader, "HEADER"));
  ASSIGN_OR_RETURN(uint32_t type, r.ReadU32Le("TYPE"));
  if ((type & ~kSigstructTypeDebug) != 0) {
    return InvalidArgumentError("sigstruct: TYPE " + HexU32(type) + " sets bits other than 31");
  }
  f.debug = type == kSigstructTypeDebug;
  ASSIGN_OR_RETURN(f.vendor, r.ReadU32Le("MODULE_VENDOR"));
  if (f.vendor != 0 && f.vendor != kSigstructVendorIntel) {
    return InvalidArgumentError("sigstruct: MODULE_VENDOR " + HexU32(f.vendor) +
                                " is neither 0 nor 0x8086");
  }
  ASSIGN_OR_RETURN(f.date, r.ReadU32Le("DATE"));
  if (!IsBcd(f.date)) {
    return InvalidArgumentError("sigstruct: DATE " + HexU32(f.date) + " is not BCD yyyymmdd");
  }
  RETURN_IF_ERROR(ExpectConstant(r, kSigstructHeader2, "HEADER2"));
  ASSIGN_OR_RETURN(f.sw_defined, r.ReadU32Le("SWDEFINED"));
  return r.ExpectZero(84, "reserved (44..127)");
}

Status ReadBody(ByteReader& r, SigstructFields& f) {
  ASSIGN_OR_RETURN(f.misc_select, r.ReadU32Le("MISCSELECT"));
  ASSIGN_OR_RETURN(f.misc_mask, r.ReadU32Le("MISCMASK"));
  RETURN_IF_ERROR(r.ExpectZero(4, "reserved (908..911)"));
  ASSIGN_OR_RETURN(f.isv_family_id, r.ReadArray<16>("ISVFAMILYID"));
  ASSIGN_OR_RETURN(f.attributes, ReadAttributes(r, "ATTRIBUTES"));
  ASSIGN_OR_RETURN(f.attribute_mask, ReadAttributes(r, "ATTRIBUTEMASK"));
  ASSIGN_OR_RETURN(f.enclave_hash, r.ReadArray<32>("ENCLAVEHASH"));
  RETURN_IF_ERROR(r.ExpectZero(16, "reserved (992..1007)"));
  ASSIGN_OR_RETURN(f.isv_ext_prod_id, r.ReadArray<16>("ISVEXTPRODID"));
  ASSIGN_OR_RETURN(f.isv_prod_id, r.ReadU16Le("ISVPRODID"));
  ASSIGN_OR_RETURN(f.isv_svn, r.ReadU16Le("ISVSVN"));
  return OkStatus();
}

}  // namespace

Bytes SerializeSigstruct(const Sigstruct& s) {
  ByteWriter w;
  WriteHeader(w, s.fields);
  w.Write(s.modulus);
  w.U32Le(s.exponent);
  w.Write(s.signature);
  WriteBody(w, s.fields);
  w.Zeros(12);
  w.Write(s.q1);
  w.Write(s.q2);
  return std::move(w).Take();
}

Bytes SigstructSignedMessage(const SigstructFields& fields) {
  ByteWriter w;
  WriteHeader(w, fields);
  WriteBody(w, fields);
  return std::move(w).Take();
}

Result<Sigstruct> ParseSigstruct(ByteSpan bytes) {
  if (bytes.size() != kSigstructSize) {
    return InvalidArgumentError("sigstruct: " + std::to_string(bytes.size()) +
                                " bytes, expected 1808");
  }
  ByteReader r(bytes, "sigstruct");
  Sigstruct s;
  RETURN_IF_ERROR(ReadHeader(r, s.fields));
  ASSIGN_OR_RETURN(s.modulus, r.ReadArray<kSigstructKeySize>("MODULUS"));
  ASSIGN_OR_RETURN(s.exponent, r.ReadU32Le("EXPONENT"));
  if (s.exponent != kSigstructExponent) {
    return InvalidArgumentError("sigstruct: EXPONENT " + std::to_string(s.exponent) +
                                ", expected 3");
  }
  ASSIGN_OR_RETURN(s.signature, r.ReadArray<kSigstructKeySize>("SIGNATURE"));
  RETURN_IF_ERROR(ReadBody(r, s.fields));
  RETURN_IF_ERROR(r.ExpectZero(12, "reserved (1028..1039)"));
  ASSIGN_OR_RETURN(s.q1, r.ReadArray<kSigstructKeySize>("Q1"));
  ASSIGN_OR_RETURN(s.q2, r.ReadArray<kSigstructKeySize>("Q2"));
  RETURN_IF_ERROR(r.ExpectEnd());
  return s;
}

Status CheckSigningKey(const crypto::PrivateKey& key) {
  if (key.type() != crypto::KeyType::kRsa || key.bits() != 3072) {
    return InvalidArgumentError("sigstruct: signing key is " +
                                std::string(crypto::KeyTypeName(key.type())) + " " +
                                std::to_string(key.bits()) + " bits; SGX requires RSA-3072");
  }
  ASSIGN_OR_RETURN(Bytes exponent, key.public_key().RsaExponent());
  if (exponent != Bytes{kSigstructExponent}) {
    return InvalidArgumentError("sigstruct: signing key's public exponent is 0x" +
                                HexEncode(exponent) + "; SGX requires 3");
  }
  return OkStatus();
}

Result<Sigstruct> SignSigstruct(const crypto::PrivateKey& key, const SigstructFields& fields) {
  RETURN_IF_ERROR(CheckSigningKey(key));
  ASSIGN_OR_RETURN(Bytes modulus_be, key.public_key().RsaModulus());
  ASSIGN_OR_RETURN(Bytes signature_be,
                   crypto::RsaSign(key, crypto::RsaPadding::kPkcs1v15,
                                   crypto::HashAlgorithm::kSha256, SigstructSignedMessage(fields)));
  ASSIGN_OR_RETURN(auto quotients, crypto::RsaSigstructQuotients(modulus_be, signature_be));
  Sigstruct s;
  s.fields = fields;
  s.modulus = ToLe(modulus_be);
  s.exponent = kSigstructExponent;
  s.signature = ToLe(signature_be);
  s.q1 = ToLe(quotients.first);
  s.q2 = ToLe(quotients.second);
  return s;
}

Status VerifySigstruct(const Sigstruct& s) {
  if (s.exponent != kSigstructExponent) {
    return InvalidArgumentError("sigstruct: EXPONENT " + std::to_string(s.exponent) +
                                ", expected 3");
  }
  if (s.modulus.back() < 0x80) {
    return InvalidArgumentError("sigstruct: MODULUS is not a 3072-bit number");
  }
  Bytes modulus_be = Reversed(s.modulus);
  Bytes signature_be = Reversed(s.signature);
  Result<crypto::PublicKey> key =
      crypto::PublicKey::FromRsaComponents(modulus_be, Bytes{kSigstructExponent});
  if (!key.ok()) return key.status().WithContext("sigstruct: MODULUS");
  Status verified =
      crypto::RsaVerify(*key, crypto::RsaPadding::kPkcs1v15, crypto::HashAlgorithm::kSha256,
                        SigstructSignedMessage(s.fields), signature_be);
  if (!verified.ok()) {
    return UnauthenticatedError("sigstruct: SIGNATURE does not verify with the embedded MODULUS");
  }
  ASSIGN_OR_RETURN(auto quotients, crypto::RsaSigstructQuotients(modulus_be, signature_be));
  if (ToLe(quotients.first) != s.q1) {
    return UnauthenticatedError("sigstruct: Q1 is not floor(S^2 / M)");
  }
  if (ToLe(quotients.second) != s.q2) {
    return UnauthenticatedError("sigstruct: Q2 is not floor((S^3 - Q1*S*M) / M)");
  }
  return OkStatus();
}

uint32_t SigstructDate(std::chrono::year_month_day date) {
  const uint32_t decimal = static_cast<uint32_t>(static_cast<int>(date.year())) * 10000 +
                           static_cast<unsigned>(date.month()) * 100 +
                           static_cast<unsigned>(date.day());
  uint32_t bcd = 0;
  for (uint32_t rest = decimal, shift = 0; shift < 32; rest /= 10, shift += 4) {
    bcd |= (rest % 10) << shift;
  }
  return bcd;
}

Measurement MrSigner(const Sigstruct& s) {
  Bytes digest = crypto::Sha256(s.modulus);
  Measurement out{};
  std::copy(digest.begin(), digest.end(), out.begin());
  return out;
}

}  // namespace confidant::image
