#include "crypto/jwk.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/hash.h"
#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::BnParam;
using internal::OpenSslError;
using internal::OpenSslInternal;
using internal::UniqueParamBld;
using internal::UniqueParams;

struct RsaMember {
  const char* jwk;
  const char* param;
};
// RFC 7518 section 6.3.2 members and OpenSSL's parameter names.
constexpr RsaMember kRsaPrivate[] = {
    {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
    {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
    {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
};

Result<Bytes> Member(const nlohmann::json& jwk, const char* name) {
  auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) {
    return InvalidArgumentError(std::string("jwk: member \"") + name +
                                "\" missing or not a string");
  }
  const std::string& text = it->get_ref<const std::string&>();
  if (text.find('=') != std::string::npos) {
    return InvalidArgumentError(std::string("jwk: member \"") + name + "\" is padded");
  }
  Result<Bytes> bytes = Base64UrlDecode(text);
  if (!bytes.ok()) return bytes.status().WithContext(std::string("jwk: member \"") + name + "\"");
  if (bytes->empty())
    return InvalidArgumentError(std::string("jwk: member \"") + name + "\" is empty");
  return bytes;
}

Result<KeyType> CurveOf(const nlohmann::json& jwk) {
  auto crv = jwk.find("crv");
  if (crv == jwk.end() || !crv->is_string()) {
    return InvalidArgumentError("jwk: member \"crv\" missing or not a string");
  }
  if (*crv == "P-256") return KeyType::kEcP256;
  if (*crv == "P-384") return KeyType::kEcP384;
  return InvalidArgumentError("jwk: unsupported curve " + crv->dump());
}

Result<std::string> Kty(const nlohmann::json& jwk) {
  if (!jwk.is_object()) return InvalidArgumentError("jwk: not a JSON object");
  auto kty = jwk.find("kty");
  if (kty == jwk.end() || !kty->is_string()) {
    return InvalidArgumentError("jwk: member \"kty\" missing or not a string");
  }
  if (*kty != "EC" && *kty != "RSA")
    return InvalidArgumentError("jwk: unsupported kty " + kty->dump());
  return kty->get<std::string>();
}

Status CheckFixedSize(const Bytes& value, size_t size, const char* name) {
  if (value.size() != size) {
    return InvalidArgumentError(std::string("jwk: member \"") + name + "\" has " +
                                std::to_string(value.size()) + " bytes, expected " +
                                std::to_string(size));
  }
  return OkStatus();
}

// Pushes a big-endian number as a BIGNUM parameter; `bns` keeps it alive until the build.
bool PushBn(OSSL_PARAM_BLD* bld, const char* name, const Bytes& value,
            std::vector<internal::UniqueBn>& bns) {
  bns.emplace_back(BN_bin2bn(value.data(), static_cast<int>(value.size()), nullptr));
  return bns.back() && OSSL_PARAM_BLD_push_BN(bld, name, bns.back().get()) == 1;
}

}  // namespace

Result<nlohmann::json> PublicKeyToJwk(const PublicKey& key) {
  if (key.type() == KeyType::kRsa) {
    ASSIGN_OR_RETURN(Bytes n, key.RsaModulus());
    ASSIGN_OR_RETURN(Bytes e, key.RsaExponent());
    return nlohmann::json{{"kty", "RSA"}, {"n", Base64UrlEncode(n)}, {"e", Base64UrlEncode(e)}};
  }
  ASSIGN_OR_RETURN(Bytes point, key.EcPoint());
  ByteSpan p(point);
  size_t field = point.size() / 2;
  return nlohmann::json{{"kty", "EC"},
                        {"crv", key.type() == KeyType::kEcP256 ? "P-256" : "P-384"},
                        {"x", Base64UrlEncode(p.first(field))},
                        {"y", Base64UrlEncode(p.last(field))}};
}

Result<PublicKey> PublicKeyFromJwk(const nlohmann::json& jwk) {
  ASSIGN_OR_RETURN(std::string kty, Kty(jwk));
  if (kty == "RSA") {
    ASSIGN_OR_RETURN(Bytes n, Member(jwk, "n"));
    ASSIGN_OR_RETURN(Bytes e, Member(jwk, "e"));
    return PublicKey::FromRsaComponents(n, e);
  }
  ASSIGN_OR_RETURN(KeyType curve, CurveOf(jwk));
  ASSIGN_OR_RETURN(Bytes x, Member(jwk, "x"));
  ASSIGN_OR_RETURN(Bytes y, Member(jwk, "y"));
  RETURN_IF_ERROR(CheckFixedSize(x, EcFieldSize(curve), "x"));
  RETURN_IF_ERROR(CheckFixedSize(y, EcFieldSize(curve), "y"));
  return PublicKey::FromEcPoint(curve, x, y);
}

Result<nlohmann::json> PrivateKeyToJwk(const PrivateKey& key) {
  ASSIGN_OR_RETURN(nlohmann::json jwk, PublicKeyToJwk(key.public_key()));
  if (key.type() == KeyType::kRsa) {
    for (const RsaMember& m : kRsaPrivate) {
      ASSIGN_OR_RETURN(Bytes value, BnParam(key.native(), m.param, 0));
      jwk[m.jwk] = Base64UrlEncode(value);
      internal::Cleanse(value.data(), value.size());
    }
  } else {
    ASSIGN_OR_RETURN(Bytes d,
                     BnParam(key.native(), OSSL_PKEY_PARAM_PRIV_KEY, EcFieldSize(key.type())));
    jwk["d"] = Base64UrlEncode(d);
    internal::Cleanse(d.data(), d.size());
  }
  return jwk;
}

Result<PrivateKey> PrivateKeyFromJwk(const nlohmann::json& jwk) {
  ASSIGN_OR_RETURN(std::string kty, Kty(jwk));
  ASSIGN_OR_RETURN(PublicKey pub, PublicKeyFromJwk(jwk));
  UniqueParamBld bld(OSSL_PARAM_BLD_new());
  std::vector<internal::UniqueBn> bns;
  std::vector<Bytes> secrets;
  Bytes encoded_point = {0x04};  // referenced, not copied, by the builder until the build
  auto wipe = [&] {
    for (Bytes& s : secrets) internal::Cleanse(s.data(), s.size());
  };
  const char* algorithm = kty == "RSA" ? "RSA" : "EC";
  if (!bld) return OpenSslInternal("jwk: OSSL_PARAM_BLD_new");
  if (kty == "RSA") {
    ASSIGN_OR_RETURN(Bytes n, pub.RsaModulus());
    ASSIGN_OR_RETURN(Bytes e, pub.RsaExponent());
    if (!PushBn(bld.get(), OSSL_PKEY_PARAM_RSA_N, n, bns) ||
        !PushBn(bld.get(), OSSL_PKEY_PARAM_RSA_E, e, bns)) {
      return OpenSslInternal("jwk: RSA parameters");
    }
    for (const RsaMember& m : kRsaPrivate) {
      Result<Bytes> value = Member(jwk, m.jwk);
      if (!value.ok()) {
        wipe();
        return value.status();
      }
      secrets.push_back(*std::move(value));
      if (!PushBn(bld.get(), m.param, secrets.back(), bns)) {
        wipe();
        return OpenSslInternal("jwk: RSA private parameters");
      }
    }
  } else {
    Result<Bytes> d = Member(jwk, "d");
    if (!d.ok()) return d.status();
    secrets.push_back(*std::move(d));
    Status size = CheckFixedSize(secrets.back(), EcFieldSize(pub.type()), "d");
    ASSIGN_OR_RETURN(Bytes point, pub.EcPoint());
    Append(encoded_point, point);
    if (!size.ok()) {
      wipe();
      return size;
    }
    if (OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                        internal::EcGroupName(pub.type()), 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, encoded_point.data(),
                                         encoded_point.size()) != 1 ||
        !PushBn(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, secrets.back(), bns)) {
      wipe();
      return OpenSslInternal("jwk: EC parameters");
    }
  }
  UniqueParams params(OSSL_PARAM_BLD_to_param(bld.get()));
  wipe();
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, "jwk: private key rejected");
  }
  internal::UniquePkey owned(key);
  internal::UniquePkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  if (!check || EVP_PKEY_pairwise_check(check.get()) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument,
                        "jwk: private key does not match its public key");
  }
  return PrivateKey::FromNative(std::shared_ptr<EVP_PKEY>(owned.release(), EVP_PKEY_free));
}

Result<std::string> JwkThumbprint(const PublicKey& key) {
  ASSIGN_OR_RETURN(nlohmann::json jwk, PublicKeyToJwk(key));
  // nlohmann::json orders members lexicographically and dump() adds no whitespace: exactly the
  // canonical form RFC 7638 section 3.3 asks for, given only the required members.
  return Base64UrlEncode(Sha256(AsBytes(jwk.dump())));
}

}  // namespace confidant::crypto
