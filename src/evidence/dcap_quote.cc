#include "evidence/dcap_quote.h"

#include <string>

#include "common/byte_reader.h"

namespace confidant::evidence {
namespace {

Result<QuoteHeader> ParseHeader(ByteReader& r) {
  QuoteHeader h;
  ASSIGN_OR_RETURN(h.version, r.ReadU16Le("header: version"));
  ASSIGN_OR_RETURN(h.attestation_key_type, r.ReadU16Le("header: attestation key type"));
  ASSIGN_OR_RETURN(h.tee_type, r.ReadU32Le("header: tee type"));
  ASSIGN_OR_RETURN(h.qe_svn, r.ReadU16Le("header: qe svn"));
  ASSIGN_OR_RETURN(h.pce_svn, r.ReadU16Le("header: pce svn"));
  ASSIGN_OR_RETURN(h.qe_vendor_id, r.ReadArray<16>("header: qe vendor id"));
  ASSIGN_OR_RETURN(h.user_data, r.ReadArray<20>("header: user data"));
  if (h.version < 3 || h.version > 5) {
    return InvalidArgumentError("quote: header: unsupported version " + std::to_string(h.version) +
                                " (3, 4 and 5 are known)");
  }
  if (h.attestation_key_type != kAttestationKeyEcdsaP256) {
    return InvalidArgumentError("quote: header: unsupported attestation key type " +
                                std::to_string(h.attestation_key_type) + " (2 = ECDSA P-256)");
  }
  if (h.tee_type != kTeeTypeSgx && h.tee_type != kTeeTypeTdx) {
    return InvalidArgumentError("quote: header: unknown tee type " + std::to_string(h.tee_type));
  }
  if (h.version == 3 && h.tee_type != kTeeTypeSgx) {
    return InvalidArgumentError("quote: header: a version 3 quote must have tee type 0 (SGX)");
  }
  return h;
}

Status ReadSgxBody(ByteReader& r, SgxReportBody& b) {
  ASSIGN_OR_RETURN(b.cpu_svn, r.ReadArray<16>("cpu svn"));
  ASSIGN_OR_RETURN(b.misc_select, r.ReadU32Le("misc select"));
  RETURN_IF_ERROR(r.Skip(12, "reserved1"));
  ASSIGN_OR_RETURN(b.isv_ext_prod_id, r.ReadArray<16>("isv ext prod id"));
  ASSIGN_OR_RETURN(b.attributes, r.ReadArray<16>("attributes"));
  ASSIGN_OR_RETURN(b.mr_enclave, r.ReadArray<32>("mr enclave"));
  RETURN_IF_ERROR(r.Skip(32, "reserved2"));
  ASSIGN_OR_RETURN(b.mr_signer, r.ReadArray<32>("mr signer"));
  RETURN_IF_ERROR(r.Skip(32, "reserved3"));
  ASSIGN_OR_RETURN(b.config_id, r.ReadArray<64>("config id"));
  ASSIGN_OR_RETURN(b.isv_prod_id, r.ReadU16Le("isv prod id"));
  ASSIGN_OR_RETURN(b.isv_svn, r.ReadU16Le("isv svn"));
  ASSIGN_OR_RETURN(b.config_svn, r.ReadU16Le("config svn"));
  RETURN_IF_ERROR(r.Skip(42, "reserved4"));
  ASSIGN_OR_RETURN(b.isv_family_id, r.ReadArray<16>("isv family id"));
  ASSIGN_OR_RETURN(b.report_data, r.ReadArray<64>("report data"));
  return OkStatus();
}

Status ReadTdBody(ByteReader& r, bool td15, TdReportBody& b) {
  ASSIGN_OR_RETURN(b.tee_tcb_svn, r.ReadArray<16>("tee tcb svn"));
  ASSIGN_OR_RETURN(b.mr_seam, r.ReadArray<48>("mr seam"));
  ASSIGN_OR_RETURN(b.mr_signer_seam, r.ReadArray<48>("mr signer seam"));
  ASSIGN_OR_RETURN(b.seam_attributes, r.ReadArray<8>("seam attributes"));
  ASSIGN_OR_RETURN(b.td_attributes, r.ReadArray<8>("td attributes"));
  ASSIGN_OR_RETURN(b.xfam, r.ReadArray<8>("xfam"));
  ASSIGN_OR_RETURN(b.mr_td, r.ReadArray<48>("mr td"));
  ASSIGN_OR_RETURN(b.mr_config_id, r.ReadArray<48>("mr config id"));
  ASSIGN_OR_RETURN(b.mr_owner, r.ReadArray<48>("mr owner"));
  ASSIGN_OR_RETURN(b.mr_owner_config, r.ReadArray<48>("mr owner config"));
  for (size_t i = 0; i < b.rtmr.size(); ++i) {
    ASSIGN_OR_RETURN(b.rtmr[i], r.ReadArray<48>("rtmr" + std::to_string(i)));
  }
  ASSIGN_OR_RETURN(b.report_data, r.ReadArray<64>("report data"));
  b.td15 = td15;
  if (td15) {
    ASSIGN_OR_RETURN(b.tee_tcb_svn2, r.ReadArray<16>("tee tcb svn2"));
    ASSIGN_OR_RETURN(b.mr_service_td, r.ReadArray<48>("mr service td"));
  }
  return OkStatus();
}

// Reads the body according to the header (v3/v4) or to the body descriptor (v5).
Status ReadBody(ByteReader& r, const QuoteHeader& h, DcapQuote& q) {
  uint64_t body_size = 0;
  if (h.version == 5) {
    ASSIGN_OR_RETURN(uint16_t type, r.ReadU16Le("body: type"));
    ASSIGN_OR_RETURN(uint32_t size, r.ReadU32Le("body: size"));
    switch (type) {
      case 1:
        q.body_type = QuoteBodyType::kSgx;
        body_size = kSgxReportBodySize;
        break;
      case 2:
        q.body_type = QuoteBodyType::kTd10;
        body_size = kTdReportBody10Size;
        break;
      case 3:
        q.body_type = QuoteBodyType::kTd15;
        body_size = kTdReportBody15Size;
        break;
      default:
        return InvalidArgumentError("quote: body: unknown type " + std::to_string(type) +
                                    " (1 SGX, 2 TD 1.0, 3 TD 1.5)");
    }
    if (size != body_size) {
      return InvalidArgumentError("quote: body: size " + std::to_string(size) + " for type " +
                                  std::to_string(type) + ", expected " + std::to_string(body_size));
    }
    if ((q.body_type == QuoteBodyType::kSgx) != (h.tee_type == kTeeTypeSgx)) {
      return InvalidArgumentError("quote: body: type " + std::to_string(type) +
                                  " does not match the header's tee type");
    }
  } else if (h.tee_type == kTeeTypeSgx) {
    q.body_type = QuoteBodyType::kSgx;
    body_size = kSgxReportBodySize;
  } else {
    q.body_type = QuoteBodyType::kTd10;
    body_size = kTdReportBody10Size;
  }
  ASSIGN_OR_RETURN(ByteReader body, r.Sub(body_size, "body"));
  if (q.body_type == QuoteBodyType::kSgx) {
    q.sgx_body.emplace();
    return ReadSgxBody(body, *q.sgx_body);
  }
  q.td_body.emplace();
  return ReadTdBody(body, q.body_type == QuoteBodyType::kTd15, *q.td_body);
}

// QE report, its signature, QE auth data and one level of certification data.
Status ReadQeCertification(ByteReader& r, QeCertification& qe) {
  ASSIGN_OR_RETURN(ByteSpan report, r.ReadBytes(kSgxReportBodySize, "qe report"));
  qe.qe_report_bytes.assign(report.begin(), report.end());
  ASSIGN_OR_RETURN(qe.qe_report, ParseSgxReportBody(report));
  ASSIGN_OR_RETURN(qe.qe_report_signature, r.ReadArray<64>("qe report signature"));
  ASSIGN_OR_RETURN(uint16_t auth_size, r.ReadU16Le("qe auth data size"));
  ASSIGN_OR_RETURN(ByteSpan auth, r.ReadBytes(auth_size, "qe auth data"));
  qe.qe_auth_data.assign(auth.begin(), auth.end());
  ASSIGN_OR_RETURN(qe.certification_type, r.ReadU16Le("certification data type"));
  ASSIGN_OR_RETURN(uint32_t cert_size, r.ReadU32Le("certification data size"));
  ASSIGN_OR_RETURN(ByteSpan cert, r.ReadBytes(cert_size, "certification data"));
  qe.certification_data.assign(cert.begin(), cert.end());
  if (qe.certification_type < 1 || qe.certification_type > kCertificationPckChain) {
    return InvalidArgumentError(r.context() + ": unknown certification data type " +
                                std::to_string(qe.certification_type) + " (1..5)");
  }
  return OkStatus();
}

Status ReadSignatureData(ByteReader& r, const QuoteHeader& h, DcapQuote& q) {
  ASSIGN_OR_RETURN(q.signature, r.ReadArray<64>("quote signature"));
  ASSIGN_OR_RETURN(q.attestation_key, r.ReadArray<64>("attestation key"));
  if (h.version == 3) {
    q.outer_certification_type = kCertificationPckChain;
    return ReadQeCertification(r, q.qe);
  }
  ASSIGN_OR_RETURN(q.outer_certification_type, r.ReadU16Le("certification data type"));
  if (q.outer_certification_type != kCertificationQeReport) {
    return InvalidArgumentError("quote: signature data: certification data type " +
                                std::to_string(q.outer_certification_type) + ", a version " +
                                std::to_string(h.version) +
                                " quote needs 6 (QE report certification data)");
  }
  ASSIGN_OR_RETURN(uint32_t size, r.ReadU32Le("certification data size"));
  ASSIGN_OR_RETURN(ByteReader inner, r.Sub(size, "qe report certification data"));
  RETURN_IF_ERROR(ReadQeCertification(inner, q.qe));
  return inner.ExpectEnd();
}

}  // namespace

Result<SgxReportBody> ParseSgxReportBody(ByteSpan body) {
  if (body.size() != kSgxReportBodySize) {
    return InvalidArgumentError("sgx report body: " + std::to_string(body.size()) +
                                " bytes, expected 384");
  }
  ByteReader r(body, "sgx report body");
  SgxReportBody b;
  RETURN_IF_ERROR(ReadSgxBody(r, b));
  return b;
}

Result<DcapQuote> ParseDcapQuote(ByteSpan bytes) {
  ByteReader r(bytes, "quote");
  DcapQuote q;
  ASSIGN_OR_RETURN(q.header, ParseHeader(r));
  RETURN_IF_ERROR(ReadBody(r, q.header, q));
  q.signed_bytes.assign(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(r.offset()));
  ASSIGN_OR_RETURN(uint32_t signature_size, r.ReadU32Le("signature data size"));
  ASSIGN_OR_RETURN(ByteReader signature_data, r.Sub(signature_size, "signature data"));
  RETURN_IF_ERROR(ReadSignatureData(signature_data, q.header, q));
  RETURN_IF_ERROR(signature_data.ExpectEnd());
  q.size = r.offset();
  return q;
}

Result<ByteSpan> UnwrapOpenEnclaveReport(ByteSpan bytes) {
  ByteReader r(bytes, "open enclave report");
  ASSIGN_OR_RETURN(uint32_t version, r.ReadU32Le("header: version"));
  ASSIGN_OR_RETURN(uint32_t type, r.ReadU32Le("header: report type"));
  ASSIGN_OR_RETURN(uint64_t size, r.ReadU64Le("header: report size"));
  if (version != 1) {
    return InvalidArgumentError("open enclave report: header: version " + std::to_string(version) +
                                ", expected 1");
  }
  if (type != 2) {
    return InvalidArgumentError("open enclave report: header: report type " + std::to_string(type) +
                                ", expected 2 (remote)");
  }
  ASSIGN_OR_RETURN(ByteSpan quote, r.ReadBytes(size, "quote"));
  return quote;
}

Result<ByteSpan> DcapQuoteBytes(ByteSpan bytes) {
  const bool oe =
      bytes.size() >= 4 && bytes[0] == 1 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0;
  if (oe) return UnwrapOpenEnclaveReport(bytes);
  return bytes;
}

}  // namespace confidant::evidence
