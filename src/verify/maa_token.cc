#include "verify/maa_token.h"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/encoding.h"
#include "common/time.h"
#include "crypto/jwk.h"
#include "crypto/jws.h"

namespace confidant::verify {
namespace {

constexpr std::string_view kKind = "maa";
constexpr std::string_view kPayload = "maa: parse: payload";

Status ParseError(std::string_view detail) {
  return InvalidArgumentError("maa: " + std::string(check::kParse) + ": " + std::string(detail));
}

Status FieldError(std::string_view where, std::string_view detail) {
  return InvalidArgumentError(std::string(where) + ": " + std::string(detail));
}

nlohmann::json ParseJson(std::string_view text) {
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
}

// The member `name` of `object` when it is a non-empty string.
Result<std::string> NonEmptyString(const nlohmann::json& object, const std::string& name,
                                   std::string_view where) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    return FieldError(where, "\"" + name + "\" missing or not a non-empty string");
  }
  return it->get<std::string>();
}

// The array of strings `name`; an absent member is an empty list unless `required`.
Result<std::vector<std::string>> StringList(const nlohmann::json& object, const std::string& name,
                                            bool required, std::string_view where) {
  std::vector<std::string> out;
  auto it = object.find(name);
  if (it == object.end() && !required) return out;
  if (it == object.end() || !it->is_array() || (required && it->empty())) {
    return FieldError(where, "\"" + name + "\" missing or not a non-empty array");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const nlohmann::json& item = (*it)[i];
    if (!item.is_string()) {
      return FieldError(where, "\"" + name + "\"[" + std::to_string(i) + "] is not a string");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<std::vector<crypto::Certificate>> ParseX5c(const nlohmann::json& x5c,
                                                  const std::string& where) {
  if (!x5c.is_array() || x5c.empty()) return FieldError(where, "not a non-empty array");
  std::vector<crypto::Certificate> certificates;
  for (size_t i = 0; i < x5c.size(); ++i) {
    std::string at = where + "[" + std::to_string(i) + "]";
    if (!x5c[i].is_string()) return FieldError(at, "not a string");
    Result<Bytes> der = Base64Decode(x5c[i].get_ref<const std::string&>());
    if (!der.ok()) return FieldError(at, der.status().message());
    Result<crypto::Certificate> certificate = crypto::Certificate::FromDer(*der);
    if (!certificate.ok()) return FieldError(at, certificate.status().message());
    certificates.push_back(*std::move(certificate));
  }
  return certificates;
}

Result<MaaSigningKey> ParseKey(const nlohmann::json& jwk, const std::string& where) {
  if (!jwk.is_object()) return FieldError(where, "not a JSON object");
  ASSIGN_OR_RETURN(std::string kid, NonEmptyString(jwk, "kid", where));
  ASSIGN_OR_RETURN(std::string kty, NonEmptyString(jwk, "kty", where));
  if (kty != "RSA") return FieldError(where + ".kty", "\"" + kty + "\" is not \"RSA\"");

  std::vector<crypto::Certificate> certificates;
  std::optional<crypto::PublicKey> key;
  if (auto x5c = jwk.find("x5c"); x5c != jwk.end()) {
    ASSIGN_OR_RETURN(certificates, ParseX5c(*x5c, where + ".x5c"));
    Result<crypto::PublicKey> leaf_key = certificates.front().public_key();
    if (!leaf_key.ok()) return FieldError(where + ".x5c[0]", leaf_key.status().message());
    key = *std::move(leaf_key);
  }
  if (jwk.contains("n") || jwk.contains("e")) {
    Result<crypto::PublicKey> jwk_key = crypto::PublicKeyFromJwk(jwk);
    if (!jwk_key.ok()) return FieldError(where, jwk_key.status().message());
    if (key && !(*key == *jwk_key)) {
      return FieldError(where, "\"n\" and \"e\" are not the key of x5c[0]");
    }
    key = *std::move(jwk_key);
  }
  if (!key) return FieldError(where, "neither \"x5c\" nor \"n\" and \"e\"");
  if (key->type() != crypto::KeyType::kRsa) {
    return FieldError(where,
                      "the key is " + std::string(crypto::KeyTypeName(key->type())) + ", not RSA");
  }
  return MaaSigningKey{std::move(kid), *std::move(key), std::move(certificates)};
}

// JwtVerify's failures as checks: its UNAUTHENTICATED errors are the signature's ("jws: ...")
// or the validity window's ("jwt: ..."); INVALID_ARGUMENT is a malformed token.
Status JwtFailure(const Status& status) {
  if (status.code() == StatusCode::kInvalidArgument) return ParseError(status.message());
  if (status.code() != StatusCode::kUnauthenticated) return status;
  bool window = status.message().substr(0, 5) == "jwt: ";
  return Rejected(kKind, window ? check::kExpired : check::kTokenSignature, status.message());
}

Status CheckCertificateValidity(const crypto::Certificate& certificate, int64_t now) {
  if (now >= certificate.not_before() && now <= certificate.not_after()) return OkStatus();
  return Rejected(kKind, check::kExpired,
                  "signing certificate \"" + certificate.subject() + "\" is valid from " +
                      FormatRfc3339(FromUnixSeconds(certificate.not_before())) + " to " +
                      FormatRfc3339(FromUnixSeconds(certificate.not_after())) + ", not at " +
                      FormatRfc3339(FromUnixSeconds(now)));
}

}  // namespace

const MaaSigningKey* MaaSigningKeys::Find(std::string_view kid) const {
  for (const MaaSigningKey& key : keys) {
    if (key.kid == kid) return &key;
  }
  return nullptr;
}

Result<MaaSigningKeys> ParseMaaJwks(std::string_view json) {
  nlohmann::json jwks = ParseJson(json);
  if (!jwks.is_object()) return InvalidArgumentError("maa jwks: not a JSON object");
  auto keys = jwks.find("keys");
  if (keys == jwks.end() || !keys->is_array() || keys->empty()) {
    return InvalidArgumentError("maa jwks: \"keys\" missing or not a non-empty array");
  }
  MaaSigningKeys out;
  std::set<std::string> kids;
  for (size_t i = 0; i < keys->size(); ++i) {
    std::string where = "maa jwks: keys[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(MaaSigningKey key, ParseKey((*keys)[i], where));
    if (!kids.insert(key.kid).second) {
      return FieldError(where + ".kid", "\"" + key.kid + "\" appears twice");
    }
    out.keys.push_back(std::move(key));
  }
  return out;
}

Result<MaaOpenIdMetadata> ParseMaaOpenIdMetadata(std::string_view json) {
  constexpr std::string_view kWhere = "maa openid metadata";
  nlohmann::json doc = ParseJson(json);
  if (!doc.is_object()) return FieldError(kWhere, "not a JSON object");
  MaaOpenIdMetadata out;
  ASSIGN_OR_RETURN(out.issuer, NonEmptyString(doc, "issuer", kWhere));
  ASSIGN_OR_RETURN(out.jwks_uri, NonEmptyString(doc, "jwks_uri", kWhere));
  if (out.jwks_uri != out.issuer + "/certs") {
    return FieldError(kWhere, "\"jwks_uri\" \"" + out.jwks_uri + "\" is not the issuer's /certs");
  }
  if (doc.contains("revocation_endpoint")) {
    ASSIGN_OR_RETURN(out.revocation_endpoint, NonEmptyString(doc, "revocation_endpoint", kWhere));
  }
  ASSIGN_OR_RETURN(out.id_token_signing_alg_values_supported,
                   StringList(doc, "id_token_signing_alg_values_supported", true, kWhere));
  ASSIGN_OR_RETURN(out.response_types_supported,
                   StringList(doc, "response_types_supported", true, kWhere));
  ASSIGN_OR_RETURN(out.claims_supported, StringList(doc, "claims_supported", false, kWhere));
  return out;
}

Result<VerifiedMaaToken> VerifyMaaToken(std::string_view jwt, const MaaSigningKeys& keys,
                                        int64_t now_unix_seconds, const MaaTokenPolicy& policy) {
  Result<nlohmann::json> header = crypto::JwsDecodeHeaderUnverified(jwt);
  if (!header.ok()) return ParseError(header.status().message());
  auto kid = header->find("kid");
  if (kid == header->end() || !kid->is_string()) return ParseError("header has no \"kid\" string");
  const MaaSigningKey* signer = keys.Find(kid->get_ref<const std::string&>());
  if (signer == nullptr) {
    return Rejected(kKind, check::kTokenSignature,
                    "no signing key has kid \"" + kid->get<std::string>() + "\"");
  }

  constexpr crypto::JwsAlgorithm kAllowed[] = {crypto::JwsAlgorithm::kRs256};
  Result<nlohmann::json> claims = crypto::JwtVerify(jwt, signer->key, kAllowed, now_unix_seconds);
  if (!claims.ok()) return JwtFailure(claims.status());
  if (!claims->contains("exp")) return ParseError("payload has no \"exp\"");
  VerifiedMaaToken out;
  ASSIGN_OR_RETURN(out.issuer, NonEmptyString(*claims, "iss", kPayload));
  ASSIGN_OR_RETURN(out.attestation_type,
                   NonEmptyString(*claims, "x-ms-attestation-type", kPayload));
  if (!signer->certificates.empty()) {
    RETURN_IF_ERROR(CheckCertificateValidity(signer->certificates.front(), now_unix_seconds));
  }
  if (policy.issuer && *policy.issuer != out.issuer) {
    return PolicyRefused(kKind, "issuer \"" + out.issuer + "\" is not \"" + *policy.issuer + "\"");
  }
  out.header = *std::move(header);
  out.claims = *std::move(claims);
  out.kid = signer->kid;
  return out;
}

Verified ToVerified(const VerifiedMaaToken& verified) {
  Verified out;
  out.attestation_type = verified.attestation_type;
  out.claims = verified.claims;
  out.trust_anchor = "maa:" + verified.issuer;
  return out;
}

}  // namespace confidant::verify
