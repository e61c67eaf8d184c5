#include "evidence/tpm_quote.h"

#include <tss2/tss2_mu.h>
#include <tss2/tss2_tpm2_types.h>

#include <string>

#include "common/encoding.h"

namespace confidant::evidence {
namespace {

// Call after the unmarshal function has returned: it reads the offset that function wrote.
Status CheckUnmarshal(TSS2_RC rc, size_t offset, size_t size, std::string_view what) {
  if (rc != TSS2_RC_SUCCESS) {
    return InvalidArgumentError(std::string(what) + ": malformed (tss2-mu " + HexU32(rc) +
                                " at offset " + std::to_string(offset) + ")");
  }
  if (offset != size) {
    return InvalidArgumentError(std::string(what) + ": " + std::to_string(size - offset) +
                                " trailing bytes");
  }
  return OkStatus();
}

template <typename Tpm2b>
Bytes FromTpm2b(const Tpm2b& b, const uint8_t* data) {
  return Bytes(data, data + b.size);
}

}  // namespace

Result<TpmQuote> ParseTpmQuote(ByteSpan attest) {
  TPMS_ATTEST a{};
  size_t offset = 0;
  TSS2_RC rc = Tss2_MU_TPMS_ATTEST_Unmarshal(attest.data(), attest.size(), &offset, &a);
  RETURN_IF_ERROR(CheckUnmarshal(rc, offset, attest.size(), "tpm quote"));
  if (a.magic != TPM2_GENERATED_VALUE) {
    return InvalidArgumentError("tpm quote: magic " + HexU32(a.magic) +
                                " is not TPM_GENERATED_VALUE (0xff544347)");
  }
  if (a.type != TPM2_ST_ATTEST_QUOTE) {
    return InvalidArgumentError("tpm quote: type " + HexU32(a.type) +
                                " is not TPM_ST_ATTEST_QUOTE (0x8018)");
  }
  TpmQuote q;
  q.attest_bytes.assign(attest.begin(), attest.end());
  q.qualified_signer = FromTpm2b(a.qualifiedSigner, a.qualifiedSigner.name);
  q.extra_data = FromTpm2b(a.extraData, a.extraData.buffer);
  q.clock = a.clockInfo.clock;
  q.reset_count = a.clockInfo.resetCount;
  q.restart_count = a.clockInfo.restartCount;
  q.safe = a.clockInfo.safe != 0;
  q.firmware_version = a.firmwareVersion;
  const TPML_PCR_SELECTION& sel = a.attested.quote.pcrSelect;
  for (uint32_t i = 0; i < sel.count; ++i) {
    PcrSelection s;
    s.hash_alg = sel.pcrSelections[i].hash;
    for (uint32_t byte = 0; byte < sel.pcrSelections[i].sizeofSelect; ++byte) {
      for (uint32_t bit = 0; bit < 8; ++bit) {
        if (sel.pcrSelections[i].pcrSelect[byte] & (1u << bit)) s.pcrs.push_back(byte * 8 + bit);
      }
    }
    q.pcr_selections.push_back(std::move(s));
  }
  q.pcr_digest = FromTpm2b(a.attested.quote.pcrDigest, a.attested.quote.pcrDigest.buffer);
  return q;
}

Result<TpmSignature> ParseTpmSignature(ByteSpan signature) {
  TPMT_SIGNATURE t{};
  size_t offset = 0;
  TSS2_RC rc = Tss2_MU_TPMT_SIGNATURE_Unmarshal(signature.data(), signature.size(), &offset, &t);
  RETURN_IF_ERROR(CheckUnmarshal(rc, offset, signature.size(), "tpm signature"));
  TpmSignature s;
  s.sig_alg = t.sigAlg;
  switch (t.sigAlg) {
    case TPM2_ALG_RSASSA:
    case TPM2_ALG_RSAPSS:
      s.hash_alg = t.signature.rsassa.hash;
      s.rsa_signature = FromTpm2b(t.signature.rsassa.sig, t.signature.rsassa.sig.buffer);
      break;
    case TPM2_ALG_ECDSA:
      s.hash_alg = t.signature.ecdsa.hash;
      s.ecdsa_r = FromTpm2b(t.signature.ecdsa.signatureR, t.signature.ecdsa.signatureR.buffer);
      s.ecdsa_s = FromTpm2b(t.signature.ecdsa.signatureS, t.signature.ecdsa.signatureS.buffer);
      break;
    default:
      return InvalidArgumentError("tpm signature: unsupported scheme " + HexU32(t.sigAlg) +
                                  " (RSASSA, RSAPSS and ECDSA are supported)");
  }
  return s;
}

Result<TpmPublicKey> ParseTpmPublic(ByteSpan tpmt_public) {
  TPMT_PUBLIC p{};
  size_t offset = 0;
  TSS2_RC rc = Tss2_MU_TPMT_PUBLIC_Unmarshal(tpmt_public.data(), tpmt_public.size(), &offset, &p);
  RETURN_IF_ERROR(CheckUnmarshal(rc, offset, tpmt_public.size(), "tpm public key"));
  Result<crypto::PublicKey> key =
      InvalidArgumentError("tpm public key: unsupported type " + HexU32(p.type));
  uint16_t scheme = 0;
  uint16_t scheme_hash = 0;
  if (p.type == TPM2_ALG_RSA) {
    const TPMS_RSA_PARMS& rsa = p.parameters.rsaDetail;
    scheme = rsa.scheme.scheme;
    scheme_hash = rsa.scheme.details.anySig.hashAlg;
    uint32_t e = rsa.exponent == 0 ? 65537 : rsa.exponent;  // 0 means the default, 2^16 + 1
    Bytes exponent = {static_cast<uint8_t>(e >> 24), static_cast<uint8_t>(e >> 16),
                      static_cast<uint8_t>(e >> 8), static_cast<uint8_t>(e)};
    key = crypto::PublicKey::FromRsaComponents(FromTpm2b(p.unique.rsa, p.unique.rsa.buffer),
                                               exponent);
  } else if (p.type == TPM2_ALG_ECC) {
    const TPMS_ECC_PARMS& ecc = p.parameters.eccDetail;
    scheme = ecc.scheme.scheme;
    scheme_hash = ecc.scheme.details.anySig.hashAlg;
    if (ecc.curveID != TPM2_ECC_NIST_P256 && ecc.curveID != TPM2_ECC_NIST_P384) {
      return InvalidArgumentError("tpm public key: unsupported curve " + HexU32(ecc.curveID));
    }
    key = crypto::PublicKey::FromEcPoint(
        ecc.curveID == TPM2_ECC_NIST_P256 ? crypto::KeyType::kEcP256 : crypto::KeyType::kEcP384,
        FromTpm2b(p.unique.ecc.x, p.unique.ecc.x.buffer),
        FromTpm2b(p.unique.ecc.y, p.unique.ecc.y.buffer));
  }
  if (!key.ok()) return key.status().WithContext("tpm public key");
  return TpmPublicKey{p.type, p.nameAlg, p.objectAttributes, scheme, scheme_hash, *std::move(key)};
}

}  // namespace confidant::evidence
