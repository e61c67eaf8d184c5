// `confidant bench verify`: evidence verifications per second on one core, with the collateral
// and CA paths already verified and cached (as the attestation service runs), against the floor:
// the signature verifications no verifier can skip for a new quote or report, timed in the same
// run with OpenSSL's EVP and X509_verify directly.
//
//  - SGX DCAP v3 quote: quote signature (P-256), QE report signature (P-256), and the PCK leaf
//    certificate's signature (P-256, by the PCK CA).
//  - SEV-SNP report: report signature (P-384) and the VCEK's signature (RSA-PSS 4096, by the
//    ASK).
//
// The evidence is the real hardware samples in shared/vectors (CONFIDANT_VECTORS_DIR, default
// ../shared/vectors beside the source tree).

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bench/figure.h"
#include "bench/measure.h"
#include "bench/registry.h"
#include "common/logging.h"
#include "common/time.h"
#include "crypto/evp_reference_loops.h"
#include "crypto/signature.h"
#include "evidence/dcap_collateral.h"
#include "evidence/dcap_quote.h"
#include "evidence/snp_report.h"
#include "verify/dcap_verifier.h"
#include "verify/snp_verifier.h"
#include "verify/verification_cache.h"

namespace confidant::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFloorName = "unavoidable signature checks (OpenSSL EVP/X509_verify)";

fs::path VectorsDir() {
  if (const char* env = std::getenv("CONFIDANT_VECTORS_DIR")) return env;
  return fs::path(CONFIDANT_BENCH_SOURCE_DIR) / ".." / "shared" / "vectors";
}

Result<Bytes> Read(const std::string& relative) {
  const fs::path path = VectorsDir() / relative;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return FailedPreconditionError("bench verify needs the attestation vectors: cannot read " +
                                   path.string() + " (set CONFIDANT_VECTORS_DIR)");
  }
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Result<int64_t> At(std::string_view rfc3339) {
  ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(rfc3339));
  return ToUnixSeconds(t);
}

Result<Figure> SgxQuote(const MeasureOptions& options) {
  LOG_DEBUG("bench verify: SGX v3 quote");
  ASSIGN_OR_RETURN(Bytes quote_bytes, Read("sgx-dcap-qvl-v3/quote.bin"));
  ASSIGN_OR_RETURN(Bytes collateral_json, Read("sgx-dcap-qvl-v3/collateral.json"));
  ASSIGN_OR_RETURN(Bytes root_der, Read("trust/intel_sgx_root_ca_2049.der"));
  ASSIGN_OR_RETURN(evidence::DcapCollateral collateral,
                   evidence::ParseQuoteCollateralJson(ToString(collateral_json)));
  ASSIGN_OR_RETURN(crypto::Certificate root, crypto::Certificate::FromDer(root_der));
  ASSIGN_OR_RETURN(int64_t now, At("2025-07-19T10:01:17Z"));
  const std::vector<crypto::Certificate> roots{root};
  verify::VerificationCache cache;
  const verify::DcapOptions dcap_options{verify::TdxTcbRule::kIntelQvl, &cache};
  RETURN_IF_ERROR(
      verify::VerifyDcapQuote(quote_bytes, &collateral, roots, now, dcap_options).status());

  // The floor's inputs, prepared once.
  ASSIGN_OR_RETURN(evidence::DcapQuote quote, evidence::ParseDcapQuote(quote_bytes));
  const ByteSpan ak(quote.attestation_key);
  ASSIGN_OR_RETURN(
      crypto::PublicKey attestation_key,
      crypto::PublicKey::FromEcPoint(crypto::KeyType::kEcP256, ak.first(32), ak.subspan(32, 32)));
  ASSIGN_OR_RETURN(Bytes quote_sig, crypto::EcdsaRawToDer(quote.signature));
  ASSIGN_OR_RETURN(Bytes qe_sig, crypto::EcdsaRawToDer(quote.qe.qe_report_signature));
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> chain,
                   crypto::Certificate::ParsePemChain(ToString(quote.qe.certification_data)));
  ASSIGN_OR_RETURN(crypto::PublicKey pck_key, chain[0].public_key());
  ASSIGN_OR_RETURN(crypto::PublicKey ca_key, chain[1].public_key());

  BatchOperation ours = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      RETURN_IF_ERROR(
          verify::VerifyDcapQuote(quote_bytes, &collateral, roots, now, dcap_options).status());
    }
    return OkStatus();
  };
  BatchOperation floor = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      RETURN_IF_ERROR(crypto::EvpDigestVerifyLoop(attestation_key, crypto::HashAlgorithm::kSha256,
                                                  quote.signed_bytes, quote_sig, 1));
      RETURN_IF_ERROR(crypto::EvpDigestVerifyLoop(pck_key, crypto::HashAlgorithm::kSha256,
                                                  quote.qe.qe_report_bytes, qe_sig, 1));
      RETURN_IF_ERROR(crypto::EvpX509VerifyLoop(chain[0], ca_key, 1));
    }
    return OkStatus();
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(ours, floor, options));
  return MakeFigure("sgx-dcap-v3-quote-verify", rates.ours, std::string(kOpsPerSecond), rates.floor,
                    std::string(kFloorName));
}

Result<Figure> SnpReport(const MeasureOptions& options) {
  LOG_DEBUG("bench verify: SEV-SNP report");
  ASSIGN_OR_RETURN(Bytes report_bytes, Read("snp-trustee-milan-vcek/report.bin"));
  ASSIGN_OR_RETURN(Bytes vek_der, Read("snp-trustee-milan-vcek/vcek.der"));
  ASSIGN_OR_RETURN(Bytes amd_pem, Read("trust/amd_milan_ask_ark_asvk.pem"));
  ASSIGN_OR_RETURN(crypto::Certificate vek, crypto::Certificate::FromDer(vek_der));
  ASSIGN_OR_RETURN(std::vector<crypto::Certificate> amd,
                   crypto::Certificate::ParsePemChain(ToString(amd_pem)));
  ASSIGN_OR_RETURN(int64_t now, At("2025-06-10T00:00:00Z"));
  verify::VerificationCache cache;
  RETURN_IF_ERROR(verify::VerifySnpReport(report_bytes, vek, amd, now, {}, &cache).status());

  ASSIGN_OR_RETURN(evidence::SnpReport report, evidence::ParseSnpReport(report_bytes));
  ASSIGN_OR_RETURN(crypto::PublicKey vek_key, vek.public_key());
  ASSIGN_OR_RETURN(Bytes report_sig,
                   crypto::EcdsaLittleEndianToDer(report.signature_r, report.signature_s));
  ASSIGN_OR_RETURN(crypto::PublicKey ask_key, amd[0].public_key());  // the ASK is first

  BatchOperation ours = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      RETURN_IF_ERROR(verify::VerifySnpReport(report_bytes, vek, amd, now, {}, &cache).status());
    }
    return OkStatus();
  };
  BatchOperation floor = [&](uint64_t iterations) -> Status {
    for (uint64_t i = 0; i < iterations; ++i) {
      RETURN_IF_ERROR(crypto::EvpDigestVerifyLoop(vek_key, crypto::HashAlgorithm::kSha384,
                                                  report.signed_bytes, report_sig, 1));
      RETURN_IF_ERROR(crypto::EvpX509VerifyLoop(vek, ask_key, 1));
    }
    return OkStatus();
  };
  ASSIGN_OR_RETURN(PairedRates rates, MeasureAgainstFloor(ours, floor, options));
  return MakeFigure("sev-snp-report-verify", rates.ours, std::string(kOpsPerSecond), rates.floor,
                    std::string(kFloorName));
}

Result<std::vector<Figure>> RunVerifyBench(const MeasureOptions& options) {
  std::vector<Figure> figures;
  ASSIGN_OR_RETURN(Figure sgx, SgxQuote(options));
  figures.push_back(std::move(sgx));
  ASSIGN_OR_RETURN(Figure snp, SnpReport(options));
  figures.push_back(std::move(snp));
  return figures;
}

const BenchRegistration kRegistration(
    {"verify",
     "SGX quote and SEV-SNP report verifications per second per core, collateral cached, against "
     "the signature checks they cannot avoid",
     &RunVerifyBench});

}  // namespace
}  // namespace confidant::bench
