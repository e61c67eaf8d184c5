#include "verify/tpm_verifier.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/encoding.h"
#include "crypto/hash.h"
#include "crypto/signature.h"

namespace confidant::verify {
namespace {

std::string PcrName(uint32_t index, uint16_t bank) {
  return "PCR " + std::to_string(index) + " (" + evidence::AlgorithmName(bank) + ")";
}

// ECDSA r and s as r ‖ s, each left-padded to the curve's field size.
Result<Bytes> RawEcdsa(const evidence::TpmSignature& s, size_t field) {
  if (s.ecdsa_r.size() > field || s.ecdsa_s.size() > field) {
    return InvalidArgumentError("ECDSA r or s longer than the curve's " + std::to_string(field) +
                                " bytes");
  }
  Bytes raw(2 * field, 0);
  std::copy(s.ecdsa_r.begin(), s.ecdsa_r.end(), raw.begin() + (field - s.ecdsa_r.size()));
  std::copy(s.ecdsa_s.begin(), s.ecdsa_s.end(), raw.end() - s.ecdsa_s.size());
  return raw;
}

Status VerifySignature(std::string_view kind, const crypto::PublicKey& ak, ByteSpan attest,
                       const evidence::TpmSignature& s, const TpmQuoteOptions& options) {
  Result<crypto::HashAlgorithm> hash = evidence::HashForTpmAlg(s.hash_alg);
  if (!hash.ok()) return Rejected(kind, check::kTpmQuoteSignature, hash.status().message());
  if (*hash == crypto::HashAlgorithm::kSha1 && !options.allow_sha1) {
    return Rejected(kind, check::kTpmQuoteSignature,
                    "the quote is signed over SHA-1, which is refused unless allowed "
                    "(--allow-sha1)");
  }
  const bool rsa = ak.type() == crypto::KeyType::kRsa;
  Status verified;
  if (s.sig_alg == evidence::kTpmAlgRsassa || s.sig_alg == evidence::kTpmAlgRsapss) {
    if (!rsa) return Rejected(kind, check::kAk, "an RSA signature from an EC key");
    crypto::RsaPadding padding = s.sig_alg == evidence::kTpmAlgRsassa
                                     ? crypto::RsaPadding::kPkcs1v15
                                     : crypto::RsaPadding::kPss;
    verified = *hash == crypto::HashAlgorithm::kSha1
                   ? crypto::RsaVerifySha1ForTpm(ak, padding, attest, s.rsa_signature)
                   : crypto::RsaVerify(ak, padding, *hash, attest, s.rsa_signature);
  } else if (s.sig_alg == evidence::kTpmAlgEcdsa) {
    if (rsa) return Rejected(kind, check::kAk, "an ECDSA signature from an RSA key");
    const size_t field = crypto::EcFieldSize(ak.type());
    Result<Bytes> raw = RawEcdsa(s, field);
    if (!raw.ok()) return Rejected(kind, check::kTpmQuoteSignature, raw.status().message());
    verified = crypto::EcdsaVerifyDigest(ak, crypto::Digest(*hash, attest), *raw,
                                         crypto::EcdsaFormat::kRawBigEndian);
  } else {
    return Rejected(kind, check::kTpmQuoteSignature,
                    "unsupported signature scheme " + evidence::AlgorithmName(s.sig_alg));
  }
  if (!verified.ok()) return Rejected(kind, check::kTpmQuoteSignature, verified.message());
  return OkStatus();
}

// Replays the log for every quoted bank it carries and compares with the quoted values.
Status CheckEventLog(std::string_view kind, ByteSpan bytes, VerifiedTpmQuote& v) {
  Result<evidence::EventLog> log = evidence::ParseEventLog(bytes);
  if (!log.ok()) return Rejected(kind, check::kEventLog, log.status().message());
  bool replayed_any = false;
  for (const auto& [bank, quoted] : v.pcrs) {
    const bool carried = std::any_of(
        log->algorithms.begin(), log->algorithms.end(),
        [bank = bank](const evidence::SpecIdAlgorithm& a) { return a.algorithm == bank; });
    if (!carried) continue;
    Result<std::map<uint32_t, Bytes>> replay = evidence::ReplayEventLog(*log, bank);
    if (!replay.ok()) return Rejected(kind, check::kEventLog, replay.status().message());
    replayed_any = true;
    std::vector<uint32_t>& verified = v.event_log_pcrs[bank];
    for (const auto& [index, value] : *replay) {
      auto it = quoted.find(index);
      if (it == quoted.end()) continue;  // not quoted: the log's events for it prove nothing
      if (it->second != value) {
        return Rejected(kind, check::kEventLog,
                        PcrName(index, bank) + ": the log replays to " + HexEncode(value) +
                            ", the quote has " + HexEncode(it->second));
      }
      verified.push_back(index);
    }
    if (!v.secure_boot && std::find(verified.begin(), verified.end(), 7) != verified.end()) {
      Result<bool> secure_boot = evidence::SecureBootEnabled(*log, bank);
      if (secure_boot.ok()) v.secure_boot = *secure_boot;
    }
  }
  if (!replayed_any) {
    return Rejected(kind, check::kEventLog, "the log carries none of the quoted PCR banks");
  }
  return OkStatus();
}

}  // namespace

Result<VerifiedTpmQuote> VerifyTpmQuote(std::string_view kind, const crypto::PublicKey& ak,
                                        ByteSpan attest, const evidence::TpmSignature& signature,
                                        std::span<const evidence::PcrValue> pcrs,
                                        ByteSpan event_log, const TpmQuoteOptions& options) {
  Result<evidence::TpmQuote> quote = evidence::ParseTpmQuote(attest);
  if (!quote.ok()) return quote.status().WithContext(kind);
  VerifiedTpmQuote v;
  v.quote = *std::move(quote);
  v.signature = signature;
  RETURN_IF_ERROR(VerifySignature(kind, ak, attest, signature, options));

  if (options.nonce && *options.nonce != v.quote.extra_data) {
    return Rejected(kind, check::kNonce,
                    "the quote's extraData " + HexEncode(v.quote.extra_data) +
                        " is not the expected nonce " + HexEncode(*options.nonce));
  }

  ASSIGN_OR_RETURN(crypto::HashAlgorithm digest_hash, evidence::HashForTpmAlg(signature.hash_alg));
  Bytes selected;
  for (const evidence::PcrSelection& selection : v.quote.pcr_selections) {
    for (uint32_t index : selection.pcrs) {
      auto value = std::find_if(pcrs.begin(), pcrs.end(), [&](const evidence::PcrValue& p) {
        return p.bank == selection.hash_alg && p.index == index;
      });
      if (value == pcrs.end()) {
        return Rejected(kind, check::kPcrDigest,
                        PcrName(index, selection.hash_alg) + " is quoted but no value was given");
      }
      Append(selected, value->digest);
      v.pcrs[selection.hash_alg][index] = value->digest;
    }
  }
  Bytes digest = crypto::Digest(digest_hash, selected);
  if (digest != v.quote.pcr_digest) {
    return Rejected(kind, check::kPcrDigest,
                    "the PCR values hash to " + HexEncode(digest) + ", the quote's pcrDigest is " +
                        HexEncode(v.quote.pcr_digest));
  }

  if (!event_log.empty()) {
    v.event_log_present = true;
    RETURN_IF_ERROR(CheckEventLog(kind, event_log, v));
  }
  return v;
}

Result<VerifiedTpmEvidence> VerifyTpmEvidence(const evidence::TpmEvidence& e,
                                              const TpmQuoteOptions& options) {
  constexpr std::string_view kKind = "tpm";
  Result<evidence::TpmPublicKey> ak = evidence::ParseTpmPublic(e.ak_public);
  if (!ak.ok()) return ak.status().WithContext(kKind);
  VerifiedTpmEvidence v{*std::move(ak), {}, {}};
  constexpr uint32_t kRestrictedSigning =
      evidence::kTpmaObjectRestricted | evidence::kTpmaObjectSign;
  if ((v.ak.object_attributes & kRestrictedSigning) != kRestrictedSigning) {
    return Rejected(kKind, check::kAk,
                    "the AK is not a restricted signing key (TPMA_OBJECT " +
                        HexU32(v.ak.object_attributes) +
                        "), so its signature does not prove the TPM made the quote");
  }
  Result<evidence::TpmSignature> signature = evidence::ParseTpmSignature(e.signature);
  if (!signature.ok()) return signature.status().WithContext(kKind);
  if (v.ak.scheme != 0x0010 &&
      (v.ak.scheme != signature->sig_alg || v.ak.scheme_hash != signature->hash_alg)) {
    return Rejected(kKind, check::kAk,
                    "the AK's scheme is " + evidence::AlgorithmName(v.ak.scheme) + "/" +
                        evidence::AlgorithmName(v.ak.scheme_hash) + ", the signature's " +
                        evidence::AlgorithmName(signature->sig_alg) + "/" +
                        evidence::AlgorithmName(signature->hash_alg));
  }
  Result<crypto::HashAlgorithm> name_hash = evidence::HashForTpmAlg(v.ak.name_alg);
  if (!name_hash.ok()) return Rejected(kKind, check::kAk, name_hash.status().message());
  v.ak_name = {static_cast<uint8_t>(v.ak.name_alg >> 8), static_cast<uint8_t>(v.ak.name_alg)};
  Append(v.ak_name, crypto::Digest(*name_hash, e.ak_public));
  ASSIGN_OR_RETURN(
      v.quote, VerifyTpmQuote(kKind, v.ak.key, e.quote, *signature, e.pcrs, e.event_log, options));
  return v;
}

nlohmann::json TpmQuoteClaims(const VerifiedTpmQuote& v) {
  nlohmann::json claims = nlohmann::json::object();
  nlohmann::json pcrs = nlohmann::json::object();
  for (const auto& [bank, values] : v.pcrs) {
    nlohmann::json bank_values = nlohmann::json::object();
    for (const auto& [index, value] : values) bank_values[std::to_string(index)] = HexEncode(value);
    pcrs[evidence::AlgorithmName(bank)] = std::move(bank_values);
  }
  claims["x-confidant-tpm-pcrs"] = std::move(pcrs);
  claims["x-confidant-tpm-nonce"] = HexEncode(v.quote.extra_data);
  claims["x-confidant-tpm-clock"] = {{"clock", v.quote.clock},
                                     {"reset-count", v.quote.reset_count},
                                     {"restart-count", v.quote.restart_count},
                                     {"safe", v.quote.safe}};
  claims["x-confidant-tpm-firmware-version"] = v.quote.firmware_version;
  if (v.event_log_present) {
    nlohmann::json log = nlohmann::json::object();
    for (const auto& [bank, indexes] : v.event_log_pcrs) {
      log[evidence::AlgorithmName(bank)] = indexes;
    }
    claims["x-confidant-tpm-event-log-pcrs"] = std::move(log);
  }
  if (v.secure_boot) claims["secureboot"] = *v.secure_boot;
  return claims;
}

Verified ToVerified(const VerifiedTpmEvidence& v) {
  Verified out;
  out.attestation_type = "tpm";
  out.claims = TpmQuoteClaims(v.quote);
  out.claims["x-confidant-tpm-ak-name"] = HexEncode(v.ak_name);
  out.trust_anchor = "tpm-ak:" + HexEncode(v.ak_name);
  return out;
}

}  // namespace confidant::verify
