#include "crypto/jws.h"

#include <algorithm>
#include <array>
#include <string>

#include "common/encoding.h"
#include "crypto/signature.h"

namespace confidant::crypto {
namespace {

struct Segments {
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

Result<Segments> Split(std::string_view compact) {
  size_t first = compact.find('.');
  size_t second = first == std::string_view::npos ? first : compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return InvalidArgumentError("jws: compact serialization needs exactly three segments");
  }
  Segments s{compact.substr(0, first), compact.substr(first + 1, second - first - 1),
             compact.substr(second + 1)};
  if (s.header.empty()) return InvalidArgumentError("jws: empty header segment");
  if (s.signature.empty()) return InvalidArgumentError("jws: empty signature segment");
  return s;
}

Result<Bytes> DecodeSegment(std::string_view segment, std::string_view name) {
  if (segment.find('=') != std::string_view::npos) {
    return InvalidArgumentError("jws: " + std::string(name) + " segment is padded");
  }
  Result<Bytes> bytes = Base64UrlDecode(segment);
  if (!bytes.ok()) return bytes.status().WithContext("jws: " + std::string(name) + " segment");
  return bytes;
}

Result<nlohmann::json> DecodeHeader(std::string_view segment) {
  ASSIGN_OR_RETURN(Bytes bytes, DecodeSegment(segment, "header"));
  nlohmann::json header = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (!header.is_object()) return InvalidArgumentError("jws: header is not a JSON object");
  return header;
}

Result<JwsAlgorithm> ParseAlgorithm(const nlohmann::json& header) {
  auto alg = header.find("alg");
  if (alg == header.end() || !alg->is_string()) {
    return InvalidArgumentError("jws: header has no \"alg\" string");
  }
  for (JwsAlgorithm a : {JwsAlgorithm::kRs256, JwsAlgorithm::kEs256, JwsAlgorithm::kEs384}) {
    if (*alg == JwsAlgorithmName(a)) return a;
  }
  if (*alg == "none") return UnauthenticatedError("jws: unsecured \"alg\": \"none\" is refused");
  return UnauthenticatedError("jws: unsupported algorithm " + alg->dump());
}

Status CheckKeyFits(JwsAlgorithm alg, KeyType type) {
  KeyType want = alg == JwsAlgorithm::kRs256   ? KeyType::kRsa
                 : alg == JwsAlgorithm::kEs256 ? KeyType::kEcP256
                                               : KeyType::kEcP384;
  if (type != want) {
    return InvalidArgumentError("jws: " + std::string(JwsAlgorithmName(alg)) + " needs an " +
                                std::string(KeyTypeName(want)) + " key, got " +
                                std::string(KeyTypeName(type)));
  }
  return OkStatus();
}

HashAlgorithm HashOf(JwsAlgorithm alg) {
  return alg == JwsAlgorithm::kEs384 ? HashAlgorithm::kSha384 : HashAlgorithm::kSha256;
}

Result<int64_t> NumericDate(const nlohmann::json& claims, const char* name, bool& present) {
  auto it = claims.find(name);
  present = it != claims.end();
  if (!present) return int64_t{0};
  if (!it->is_number())
    return InvalidArgumentError(std::string("jwt: \"") + name + "\" is not a number");
  return static_cast<int64_t>(it->get<double>());
}

}  // namespace

std::string_view JwsAlgorithmName(JwsAlgorithm alg) {
  switch (alg) {
    case JwsAlgorithm::kRs256:
      return "RS256";
    case JwsAlgorithm::kEs256:
      return "ES256";
    case JwsAlgorithm::kEs384:
      return "ES384";
  }
  return "unknown";
}

Result<std::string> JwsSign(const PrivateKey& key, JwsAlgorithm alg,
                            const nlohmann::json& extra_header, ByteSpan payload) {
  RETURN_IF_ERROR(CheckKeyFits(alg, key.type()));
  if (!extra_header.is_null() && !extra_header.is_object()) {
    return InvalidArgumentError("jws: extra header is not a JSON object");
  }
  nlohmann::json header = extra_header.is_null() ? nlohmann::json::object() : extra_header;
  header["alg"] = JwsAlgorithmName(alg);
  std::string input = Base64UrlEncode(AsBytes(header.dump())) + "." + Base64UrlEncode(payload);
  Bytes signature;
  if (alg == JwsAlgorithm::kRs256) {
    ASSIGN_OR_RETURN(signature,
                     RsaSign(key, RsaPadding::kPkcs1v15, HashAlgorithm::kSha256, AsBytes(input)));
  } else {
    ASSIGN_OR_RETURN(signature,
                     EcdsaSign(key, HashOf(alg), AsBytes(input), EcdsaFormat::kRawBigEndian));
  }
  return input + "." + Base64UrlEncode(signature);
}

Result<nlohmann::json> JwsDecodeHeaderUnverified(std::string_view compact) {
  ASSIGN_OR_RETURN(Segments s, Split(compact));
  return DecodeHeader(s.header);
}

Result<VerifiedJws> JwsVerify(std::string_view compact, const PublicKey& key,
                              std::span<const JwsAlgorithm> allowed) {
  ASSIGN_OR_RETURN(Segments s, Split(compact));
  ASSIGN_OR_RETURN(nlohmann::json header, DecodeHeader(s.header));
  if (header.contains("crit")) {
    return InvalidArgumentError("jws: \"crit\" header extensions are not supported");
  }
  ASSIGN_OR_RETURN(JwsAlgorithm alg, ParseAlgorithm(header));
  if (std::find(allowed.begin(), allowed.end(), alg) == allowed.end()) {
    return UnauthenticatedError("jws: algorithm " + std::string(JwsAlgorithmName(alg)) +
                                " is not allowed here");
  }
  RETURN_IF_ERROR(CheckKeyFits(alg, key.type()));
  ASSIGN_OR_RETURN(Bytes payload, DecodeSegment(s.payload, "payload"));
  ASSIGN_OR_RETURN(Bytes signature, DecodeSegment(s.signature, "signature"));
  ByteSpan input = AsBytes(compact.substr(0, s.header.size() + 1 + s.payload.size()));
  Status verified =
      alg == JwsAlgorithm::kRs256
          ? RsaVerify(key, RsaPadding::kPkcs1v15, HashAlgorithm::kSha256, input, signature)
          : EcdsaVerify(key, HashOf(alg), input, signature, EcdsaFormat::kRawBigEndian);
  if (!verified.ok()) return std::move(verified).WithContext("jws");
  return VerifiedJws{std::move(header), std::move(payload), alg};
}

Result<std::string> JwtSign(const PrivateKey& key, JwsAlgorithm alg,
                            const nlohmann::json& extra_header, const nlohmann::json& claims) {
  if (!claims.is_object()) return InvalidArgumentError("jwt: claims are not a JSON object");
  nlohmann::json header = extra_header.is_null() ? nlohmann::json::object() : extra_header;
  if (header.is_object() && !header.contains("typ")) header["typ"] = "JWT";
  return JwsSign(key, alg, header, AsBytes(claims.dump()));
}

Result<nlohmann::json> JwtVerify(std::string_view compact, const PublicKey& key,
                                 std::span<const JwsAlgorithm> allowed, int64_t now_unix_seconds,
                                 int64_t leeway_seconds) {
  ASSIGN_OR_RETURN(VerifiedJws jws, JwsVerify(compact, key, allowed));
  nlohmann::json claims = nlohmann::json::parse(jws.payload.begin(), jws.payload.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (!claims.is_object()) return InvalidArgumentError("jwt: payload is not a JSON object");
  bool has_exp = false;
  bool has_nbf = false;
  ASSIGN_OR_RETURN(int64_t exp, NumericDate(claims, "exp", has_exp));
  ASSIGN_OR_RETURN(int64_t nbf, NumericDate(claims, "nbf", has_nbf));
  if (has_exp && now_unix_seconds - leeway_seconds >= exp) {
    return UnauthenticatedError("jwt: token expired (\"exp\" " + std::to_string(exp) + ", now " +
                                std::to_string(now_unix_seconds) + ")");
  }
  if (has_nbf && now_unix_seconds + leeway_seconds < nbf) {
    return UnauthenticatedError("jwt: token not yet valid (\"nbf\" " + std::to_string(nbf) +
                                ", now " + std::to_string(now_unix_seconds) + ")");
  }
  return claims;
}

}  // namespace confidant::crypto
