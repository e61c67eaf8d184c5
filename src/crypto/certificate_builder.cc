#include "crypto/certificate_builder.h"

#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <string>

#include "crypto/openssl_util.h"
#include "crypto/random.h"

namespace confidant::crypto {
namespace {

using internal::Deleter;
using internal::OpenSslError;
using internal::OpenSslInternal;

using UniqueAsn1Time = std::unique_ptr<ASN1_TIME, Deleter<ASN1_TIME_free>>;
using UniqueAsn1Integer = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using UniqueExtension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using UniqueName = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;

Result<UniqueName> BuildName(const DistinguishedName& dn) {
  if (dn.empty()) return InvalidArgumentError("certificate builder: empty subject");
  UniqueName name(X509_NAME_new());
  if (!name) return OpenSslInternal("certificate builder: X509_NAME_new");
  for (const auto& [attr, value] : dn) {
    if (X509_NAME_add_entry_by_txt(name.get(), attr.c_str(), MBSTRING_UTF8,
                                   reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1,
                                   0) != 1) {
      return OpenSslError(StatusCode::kInvalidArgument,
                          "certificate builder: bad name attribute " + attr);
    }
  }
  return name;
}

// Adds an extension given in OpenSSL's configuration syntax.
Status AddConfExtension(X509* cert, X509V3_CTX* ctx, int nid, const std::string& value) {
  UniqueExtension ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value.c_str()));
  if (!ext || X509_add_ext(cert, ext.get(), -1) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, std::string("certificate builder: bad ") +
                                                          OBJ_nid2sn(nid) + " \"" + value + "\"");
  }
  return OkStatus();
}

// A message-digest context set up for signing with `key` as `options` says.
Result<internal::UniqueMdCtx> SigningContext(const PrivateKey& key,
                                             const SignatureOptions& options) {
  internal::UniqueMdCtx md(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!md ||
      EVP_DigestSignInit(md.get(), &pctx, internal::Md(options.hash), nullptr, key.native()) != 1) {
    return OpenSslInternal("certificate builder: signing setup");
  }
  if (options.rsa_pss) {
    if (key.type() != KeyType::kRsa) {
      return InvalidArgumentError("certificate builder: RSA-PSS requested with a non-RSA key");
    }
    if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1) {
      return OpenSslInternal("certificate builder: RSA-PSS setup");
    }
  }
  return md;
}

Result<UniqueAsn1Time> Asn1Time(int64_t unix_seconds) {
  UniqueAsn1Time t(ASN1_TIME_set(nullptr, static_cast<time_t>(unix_seconds)));
  if (!t) return InvalidArgumentError("certificate builder: time out of range");
  return t;
}

}  // namespace

CertificateBuilder& CertificateBuilder::SetSubject(DistinguishedName subject) {
  subject_ = std::move(subject);
  return *this;
}

CertificateBuilder& CertificateBuilder::SetSerial(ByteSpan big_endian) {
  serial_.assign(big_endian.begin(), big_endian.end());
  return *this;
}

CertificateBuilder& CertificateBuilder::SetValidity(int64_t not_before_unix,
                                                    int64_t not_after_unix) {
  not_before_ = not_before_unix;
  not_after_ = not_after_unix;
  return *this;
}

CertificateBuilder& CertificateBuilder::SetPublicKey(const PublicKey& key) {
  key_ = key;
  return *this;
}

CertificateBuilder& CertificateBuilder::SetBasicConstraints(bool ca, int path_length) {
  basic_constraints_ = {ca, path_length};
  return *this;
}

CertificateBuilder& CertificateBuilder::SetKeyUsage(std::string spec) {
  key_usage_ = std::move(spec);
  return *this;
}

CertificateBuilder& CertificateBuilder::SetCrlDistributionPoint(std::string uri) {
  crl_uri_ = std::move(uri);
  return *this;
}

CertificateBuilder& CertificateBuilder::AddExtension(std::string dotted_oid, bool critical,
                                                     Bytes der_value) {
  extensions_.push_back({std::move(dotted_oid), critical, std::move(der_value)});
  return *this;
}

Result<Certificate> CertificateBuilder::Sign(const PrivateKey& issuer_key,
                                             const Certificate* issuer,
                                             const SignatureOptions& options) const {
  if (!key_) return InvalidArgumentError("certificate builder: no subject public key");
  if (not_after_ <= not_before_) {
    return InvalidArgumentError("certificate builder: validity ends before it starts");
  }
  if (issuer == nullptr && !(issuer_key.public_key() == *key_)) {
    return InvalidArgumentError(
        "certificate builder: self-signed certificate needs the subject's own private key");
  }
  std::shared_ptr<X509> cert(X509_new(), X509_free);
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1) {
    return OpenSslInternal("certificate builder: X509_new");
  }

  Bytes serial = serial_;
  if (serial.empty()) {
    ASSIGN_OR_RETURN(serial, RandomBytes(16));
    serial[0] &= 0x7f;  // positive
    serial[0] |= 0x01;  // and exactly 16 bytes long
  }
  internal::UniqueBn bn(BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr));
  UniqueAsn1Integer serial_int(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
  if (!serial_int || X509_set_serialNumber(cert.get(), serial_int.get()) != 1) {
    return OpenSslInternal("certificate builder: serial");
  }

  ASSIGN_OR_RETURN(UniqueName subject, BuildName(subject_));
  if (X509_set_subject_name(cert.get(), subject.get()) != 1 ||
      X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer->native())
                                                         : subject.get()) != 1) {
    return OpenSslInternal("certificate builder: names");
  }
  ASSIGN_OR_RETURN(UniqueAsn1Time not_before, Asn1Time(not_before_));
  ASSIGN_OR_RETURN(UniqueAsn1Time not_after, Asn1Time(not_after_));
  if (X509_set1_notBefore(cert.get(), not_before.get()) != 1 ||
      X509_set1_notAfter(cert.get(), not_after.get()) != 1 ||
      X509_set_pubkey(cert.get(), key_->native()) != 1) {
    return OpenSslInternal("certificate builder: validity or key");
  }

  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer != nullptr ? issuer->native() : cert.get(), cert.get(), nullptr,
                 nullptr, 0);
  if (basic_constraints_) {
    std::string value = basic_constraints_->first ? "critical,CA:TRUE" : "critical,CA:FALSE";
    if (basic_constraints_->first && basic_constraints_->second >= 0) {
      value += ",pathlen:" + std::to_string(basic_constraints_->second);
    }
    RETURN_IF_ERROR(AddConfExtension(cert.get(), &ctx, NID_basic_constraints, value));
  }
  if (!key_usage_.empty()) {
    RETURN_IF_ERROR(AddConfExtension(cert.get(), &ctx, NID_key_usage, key_usage_));
  }
  RETURN_IF_ERROR(AddConfExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash"));
  RETURN_IF_ERROR(AddConfExtension(cert.get(), &ctx, NID_authority_key_identifier, "keyid:always"));
  if (!crl_uri_.empty()) {
    RETURN_IF_ERROR(
        AddConfExtension(cert.get(), &ctx, NID_crl_distribution_points, "URI:" + crl_uri_));
  }
  for (const Extension& e : extensions_) {
    std::unique_ptr<ASN1_OBJECT, Deleter<ASN1_OBJECT_free>> oid(OBJ_txt2obj(e.oid.c_str(), 1));
    std::unique_ptr<ASN1_OCTET_STRING, Deleter<ASN1_OCTET_STRING_free>> value(
        ASN1_OCTET_STRING_new());
    if (!oid || !value ||
        ASN1_OCTET_STRING_set(value.get(), e.value.data(), static_cast<int>(e.value.size())) != 1) {
      return OpenSslError(StatusCode::kInvalidArgument,
                          "certificate builder: bad extension " + e.oid);
    }
    UniqueExtension ext(
        X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), e.critical ? 1 : 0, value.get()));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1) {
      return OpenSslInternal("certificate builder: extension " + e.oid);
    }
  }

  ASSIGN_OR_RETURN(internal::UniqueMdCtx md, SigningContext(issuer_key, options));
  if (X509_sign_ctx(cert.get(), md.get()) <= 0) {
    return OpenSslInternal("certificate builder: signing");
  }
  return Certificate::FromNative(std::move(cert));
}

CrlBuilder& CrlBuilder::SetUpdateTimes(int64_t this_update_unix, int64_t next_update_unix) {
  this_update_ = this_update_unix;
  next_update_ = next_update_unix;
  return *this;
}

CrlBuilder& CrlBuilder::SetCrlNumber(int64_t number) {
  number_ = number;
  return *this;
}

CrlBuilder& CrlBuilder::Revoke(const Certificate& cert, int64_t revocation_unix) {
  revoked_.emplace_back(cert, revocation_unix);
  return *this;
}

Result<Crl> CrlBuilder::Sign(const PrivateKey& issuer_key, const Certificate& issuer,
                             const SignatureOptions& options) const {
  if (next_update_ <= this_update_) {
    return InvalidArgumentError("crl builder: nextUpdate must follow thisUpdate");
  }
  std::shared_ptr<X509_CRL> crl(X509_CRL_new(), X509_CRL_free);
  ASSIGN_OR_RETURN(UniqueAsn1Time this_update, Asn1Time(this_update_));
  ASSIGN_OR_RETURN(UniqueAsn1Time next_update, Asn1Time(next_update_));
  if (!crl || X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2) != 1 ||
      X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.native())) != 1 ||
      X509_CRL_set1_lastUpdate(crl.get(), this_update.get()) != 1 ||
      X509_CRL_set1_nextUpdate(crl.get(), next_update.get()) != 1) {
    return OpenSslInternal("crl builder: header");
  }
  for (const auto& [cert, when] : revoked_) {
    ASSIGN_OR_RETURN(UniqueAsn1Time date, Asn1Time(when));
    X509_REVOKED* entry = X509_REVOKED_new();
    // The setter copies the serial; OpenSSL's signature lacks the const.
    auto* serial = const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(cert.native()));
    if (entry == nullptr || X509_REVOKED_set_serialNumber(entry, serial) != 1 ||
        X509_REVOKED_set_revocationDate(entry, date.get()) != 1 ||
        X509_CRL_add0_revoked(crl.get(), entry) != 1) {
      X509_REVOKED_free(entry);
      return OpenSslInternal("crl builder: revoked entry");
    }
  }
  UniqueAsn1Integer number(ASN1_INTEGER_new());
  if (!number || ASN1_INTEGER_set_int64(number.get(), number_) != 1 ||
      X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, 0) != 1 ||
      X509_CRL_sort(crl.get()) != 1) {
    return OpenSslInternal("crl builder: CRL number");
  }
  ASSIGN_OR_RETURN(internal::UniqueMdCtx md, SigningContext(issuer_key, options));
  if (X509_CRL_sign_ctx(crl.get(), md.get()) <= 0) return OpenSslInternal("crl builder: signing");
  return Crl::FromNative(std::move(crl));
}

}  // namespace confidant::crypto
