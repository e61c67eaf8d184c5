// DCAP quote parsing against every quote in ../shared/vectors/cases.json: layout, claims the
// parser alone can extract, the parse-class mutations, and truncation at every length.

#include "evidence/dcap_quote.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "common/byte_reader.h"
#include "common/encoding.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

std::vector<nlohmann::json> QuoteCases() {
  std::vector<nlohmann::json> out;
  for (const char* kind : {"sgx-dcap", "tdx-dcap", "oe-sgx-report"}) {
    for (nlohmann::json& c : vectors::Cases(kind)) out.push_back(std::move(c));
  }
  return out;
}

// Claim name in cases.json -> the value the parsed quote holds (as JSON).
using Extractor = std::function<nlohmann::json(const DcapQuote&)>;
const std::map<std::string, Extractor>& Extractors() {
  static const auto* kMap = new std::map<std::string, Extractor>{
      {"mrenclave", [](const DcapQuote& q) { return HexEncode(q.sgx_body->mr_enclave); }},
      {"mrsigner", [](const DcapQuote& q) { return HexEncode(q.sgx_body->mr_signer); }},
      {"isv_prod_id", [](const DcapQuote& q) { return q.sgx_body->isv_prod_id; }},
      {"isv_svn", [](const DcapQuote& q) { return q.sgx_body->isv_svn; }},
      {"attributes", [](const DcapQuote& q) { return HexEncode(q.sgx_body->attributes); }},
      {"cpu_svn", [](const DcapQuote& q) { return HexEncode(q.sgx_body->cpu_svn); }},
      {"misc_select",
       [](const DcapQuote& q) {
         ByteWriter w;  // cases.json gives the four bytes as stored (little-endian)
         w.U32Le(q.sgx_body->misc_select);
         return HexEncode(w.bytes());
       }},
      {"qe_svn", [](const DcapQuote& q) { return q.header.qe_svn; }},  // TDX: reserved, 0
      {"pce_svn", [](const DcapQuote& q) { return q.header.pce_svn; }},
      {"mr_td", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_td); }},
      {"mr_seam", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_seam); }},
      {"mr_signer_seam", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_signer_seam); }},
      {"seam_attributes", [](const DcapQuote& q) { return HexEncode(q.td_body->seam_attributes); }},
      {"td_attributes", [](const DcapQuote& q) { return HexEncode(q.td_body->td_attributes); }},
      {"xfam", [](const DcapQuote& q) { return HexEncode(q.td_body->xfam); }},
      {"mr_config_id", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_config_id); }},
      {"mr_owner", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_owner); }},
      {"mr_owner_config", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_owner_config); }},
      {"rtmr0", [](const DcapQuote& q) { return HexEncode(q.td_body->rtmr[0]); }},
      {"rtmr1", [](const DcapQuote& q) { return HexEncode(q.td_body->rtmr[1]); }},
      {"rtmr2", [](const DcapQuote& q) { return HexEncode(q.td_body->rtmr[2]); }},
      {"rtmr3", [](const DcapQuote& q) { return HexEncode(q.td_body->rtmr[3]); }},
      {"tee_tcb_svn", [](const DcapQuote& q) { return HexEncode(q.td_body->tee_tcb_svn); }},
      {"mr_service_td", [](const DcapQuote& q) { return HexEncode(q.td_body->mr_service_td); }},
      {"debug",
       [](const DcapQuote& q) { return q.sgx_body ? q.sgx_body->debug() : q.td_body->debug(); }},
      {"report_data",
       [](const DcapQuote& q) {
         return q.sgx_body ? HexEncode(q.sgx_body->report_data) : HexEncode(q.td_body->report_data);
       }},
  };
  return *kMap;
}

ByteSpan QuoteBytes(const nlohmann::json& c, const Bytes& evidence) {
  if (c["kind"] == "oe-sgx-report") {
    Result<ByteSpan> quote = UnwrapOpenEnclaveReport(evidence);
    EXPECT_TRUE(quote.ok()) << quote.status();
    return quote.ok() ? *quote : ByteSpan();
  }
  return evidence;
}

class DcapQuoteVectorsTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  }
};

TEST_F(DcapQuoteVectorsTest, EveryUnmutatedQuoteParsesWithItsLayoutAndClaims) {
  int checked_claims = 0;
  for (const nlohmann::json& c : QuoteCases()) {
    if (c.contains("mutation") || c.contains("substitution")) continue;
    SCOPED_TRACE(c["id"].get<std::string>());
    Bytes evidence = vectors::Read(c["evidence"]);
    ByteSpan bytes = QuoteBytes(c, evidence);
    Result<DcapQuote> q = ParseDcapQuote(bytes);
    ASSERT_TRUE(q.ok()) << q.status();

    nlohmann::json layout = c.value("quote_layout", nlohmann::json::object());
    if (layout.contains("sgx_quote")) layout = layout["sgx_quote"];
    if (layout.contains("version")) {
      EXPECT_EQ(q->header.version, layout["version"]);
      EXPECT_EQ(q->size,
                layout["quote_bytes"].get<size_t>() - layout["trailing_bytes"].get<size_t>());
      EXPECT_EQ(bytes.size() - q->size, layout["trailing_bytes"].get<size_t>());
      EXPECT_EQ(q->outer_certification_type, layout["cert_data_type"]);
      EXPECT_EQ(q->qe.certification_type, layout.value("inner_cert_data_type", 5));
      if (layout.contains("body_type")) {
        EXPECT_EQ(static_cast<int>(q->body_type) + 1, layout["body_type"]);
      }
    }
    for (const auto& [name, value] : c["expect"]["claims"].items()) {
      auto extractor = Extractors().find(name);
      if (extractor == Extractors().end()) continue;  // chain/TCB claims: src/verify's job
      EXPECT_EQ(extractor->second(*q), value) << name;
      ++checked_claims;
    }
  }
  EXPECT_GT(checked_claims, 50);
}

TEST_F(DcapQuoteVectorsTest, ParseClassMutationsAreRejected) {
  int mutations = 0;
  for (const nlohmann::json& c : QuoteCases()) {
    if (!c.contains("mutation") || c["expect"]["error_class"] != "parse") continue;
    SCOPED_TRACE(c["id"].get<std::string>());
    Bytes evidence = vectors::Read(c["evidence"]);
    vectors::ApplyMutation(evidence, c["mutation"]);
    Result<DcapQuote> q = ParseDcapQuote(QuoteBytes(c, evidence));
    ASSERT_FALSE(q.ok()) << c["mutation"]["description"];
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument);
    ++mutations;
  }
  EXPECT_GE(mutations, 2);
}

TEST_F(DcapQuoteVectorsTest, EveryTruncationIsASpecificError) {
  std::set<std::string> done;
  for (const nlohmann::json& c : QuoteCases()) {
    std::string file = c["evidence"];
    if (!done.insert(file).second) continue;
    SCOPED_TRACE(file);
    Bytes evidence = vectors::Read(file);
    ByteSpan bytes = QuoteBytes(c, evidence);
    size_t size = ParseDcapQuote(bytes)->size;
    for (size_t n = 0; n < size; ++n) {
      Result<DcapQuote> q = ParseDcapQuote(bytes.first(n));
      ASSERT_FALSE(q.ok()) << "prefix of " << n << " bytes parsed";
      ASSERT_EQ(q.status().code(), StatusCode::kInvalidArgument);
      ASSERT_EQ(q.status().message().rfind("quote", 0), 0u) << q.status();
    }
    EXPECT_TRUE(ParseDcapQuote(bytes.first(size)).ok());
  }
  EXPECT_GE(done.size(), 6u);
}

// Where a parsed quote's parts start in its bytes (layouts: docs/attestation-evidence.md).
struct QuoteOffsets {
  size_t body = 0;                // the report body
  size_t signature_data_len = 0;  // the u32 before the signature data
  size_t certification = 0;       // v4/v5: the type-6 block's {u16 type, u32 size}
  size_t qe_report = 0;
  size_t signature_data_end = 0;
};

QuoteOffsets Offsets(const DcapQuote& q) {
  QuoteOffsets o;
  o.body = kQuoteHeaderSize + (q.header.version == 5 ? 6 : 0);
  o.signature_data_len = q.signed_bytes.size();
  o.certification = o.signature_data_len + 4 + 64 + 64;  // after the signature and the key
  o.qe_report = o.certification + (q.header.version == 3 ? 0 : 6);
  o.signature_data_end = q.size;
  return o;
}

void AddToU32Le(Bytes& bytes, size_t offset, uint32_t n) {
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = value << 8 | bytes.at(offset + i);
  value += n;
  for (int i = 0; i < 4; ++i) bytes.at(offset + i) = static_cast<uint8_t>(value >> (8 * i));
}

// Every field of an SGX report body, for comparing two parses.
std::string Fields(const SgxReportBody& b) {
  return HexEncode(b.cpu_svn) + "/" + std::to_string(b.misc_select) + "/" +
         HexEncode(b.isv_ext_prod_id) + "/" + HexEncode(b.attributes) + "/" +
         HexEncode(b.mr_enclave) + "/" + HexEncode(b.mr_signer) + "/" + HexEncode(b.config_id) +
         "/" + std::to_string(b.isv_prod_id) + "/" + std::to_string(b.isv_svn) + "/" +
         std::to_string(b.config_svn) + "/" + HexEncode(b.isv_family_id) + "/" +
         HexEncode(b.report_data);
}

// One quote of each sample file, unwrapped from its Open Enclave header where it has one.
std::vector<Bytes> SampleQuotes() {
  std::vector<Bytes> out;
  std::set<std::string> done;
  for (const nlohmann::json& c : QuoteCases()) {
    if (c.contains("mutation") || !done.insert(c["evidence"].get<std::string>()).second) continue;
    Bytes evidence = vectors::Read(c["evidence"]);
    ByteSpan quote = QuoteBytes(c, evidence);
    out.emplace_back(quote.begin(), quote.end());
  }
  return out;
}

// docs/attestation-evidence.md: "Reserved fields inside the report bodies are not required to be
// zero". Every reserved byte of the SGX report bodies (the enclave's and the QE's) set to 0xff
// leaves the quote parsing to the same fields.
TEST_F(DcapQuoteVectorsTest, ReservedReportBodyFieldsNeedNotBeZero) {
  // reserved1..4 within the 384-byte SGX report body: {offset, size}.
  constexpr std::pair<size_t, size_t> kReserved[] = {{20, 12}, {96, 32}, {160, 32}, {262, 42}};
  int quotes = 0;
  for (const Bytes& original : SampleQuotes()) {
    Result<DcapQuote> q = ParseDcapQuote(original);
    ASSERT_TRUE(q.ok()) << q.status();
    const QuoteOffsets o = Offsets(*q);
    ASSERT_EQ(Bytes(original.begin() + o.qe_report, original.begin() + o.qe_report + 384),
              q->qe.qe_report_bytes);
    std::vector<size_t> bodies = {o.qe_report};
    if (q->sgx_body) bodies.push_back(o.body);
    Bytes changed = original;
    for (size_t body : bodies) {
      for (const auto& [offset, size] : kReserved) {
        std::fill_n(changed.begin() + static_cast<ptrdiff_t>(body + offset), size, 0xff);
      }
    }
    Result<DcapQuote> parsed = ParseDcapQuote(changed);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_NE(parsed->qe.qe_report_bytes, q->qe.qe_report_bytes);
    EXPECT_EQ(Fields(parsed->qe.qe_report), Fields(q->qe.qe_report));
    if (q->sgx_body) {
      EXPECT_NE(parsed->signed_bytes, q->signed_bytes);
      EXPECT_EQ(Fields(*parsed->sgx_body), Fields(*q->sgx_body));
    }
    ++quotes;
  }
  EXPECT_GE(quotes, 6);
}

// docs/attestation-evidence.md: "Nothing may follow inside the signature data or the type-6
// block". One byte more inside either, its length grown to hold it, is refused; the same byte
// after the signature data is tolerated.
TEST_F(DcapQuoteVectorsTest, NothingMayFollowInsideTheSignatureData) {
  int type6 = 0;
  for (const Bytes& original : SampleQuotes()) {
    Result<DcapQuote> q = ParseDcapQuote(original);
    ASSERT_TRUE(q.ok()) << q.status();
    SCOPED_TRACE("version " + std::to_string(q->header.version));
    const QuoteOffsets o = Offsets(*q);
    Bytes longer = original;
    longer.insert(longer.begin() + static_cast<ptrdiff_t>(o.signature_data_end), 0);
    EXPECT_TRUE(ParseDcapQuote(longer).ok());  // the byte follows the quote

    Bytes inside = longer;
    AddToU32Le(inside, o.signature_data_len, 1);
    EXPECT_EQ(ParseDcapQuote(inside).status(),
              InvalidArgumentError("quote: signature data: 1 trailing bytes"));
    if (q->header.version == 3) continue;

    ASSERT_EQ(original.at(o.certification), kCertificationQeReport);
    AddToU32Le(inside, o.certification + 2, 1);  // the byte is now the type-6 block's last
    EXPECT_EQ(ParseDcapQuote(inside).status(),
              InvalidArgumentError(
                  "quote: signature data: qe report certification data: 1 trailing bytes"));
    ++type6;
  }
  EXPECT_GE(type6, 3);
}

TEST(DcapQuoteTest, NamesTheBrokenField) {
  Bytes quote(48, 0);
  quote[0] = 3;  // version 3
  quote[2] = 2;  // ECDSA P-256
  Result<DcapQuote> q = ParseDcapQuote(quote);
  EXPECT_EQ(q.status().message(), "quote: body: need 384 bytes, 0 remain");
  quote[0] = 6;
  EXPECT_EQ(ParseDcapQuote(quote).status().message(),
            "quote: header: unsupported version 6 (3, 4 and 5 are known)");
  quote[0] = 4;
  quote[2] = 3;
  EXPECT_NE(ParseDcapQuote(quote).status().message().find("attestation key type 3"),
            std::string_view::npos);
  quote[2] = 2;
  quote[4] = 0x82;
  EXPECT_NE(ParseDcapQuote(quote).status().message().find("unknown tee type 130"),
            std::string_view::npos);
}

TEST(OpenEnclaveReportTest, DcapQuoteBytesUnwrapsOnlyOeReports) {
  const Bytes report = {1, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd};
  Result<ByteSpan> unwrapped = DcapQuoteBytes(report);
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.status();
  EXPECT_EQ(Bytes(unwrapped->begin(), unwrapped->end()), (Bytes{0xaa, 0xbb, 0xcc, 0xdd}));
  const Bytes quote = {3, 0, 2, 0, 0, 0, 0, 0};  // a quote's version 3: passed through
  Result<ByteSpan> same = DcapQuoteBytes(quote);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->data(), quote.data());
  Bytes bad = report;
  bad[4] = 1;  // an OE header of the wrong type is an error, not a quote
  EXPECT_FALSE(DcapQuoteBytes(bad).ok());
}

TEST(OpenEnclaveReportTest, RejectsBadHeaders) {
  Bytes report = {1, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0xaa, 0xbb, 0xcc, 0xdd};
  Result<ByteSpan> quote = UnwrapOpenEnclaveReport(report);
  ASSERT_TRUE(quote.ok()) << quote.status();
  EXPECT_EQ(quote->size(), 4u);
  report[8] = 5;
  EXPECT_EQ(UnwrapOpenEnclaveReport(report).status().message(),
            "open enclave report: quote: need 5 bytes, 4 remain");
  report[8] = 4;
  report[4] = 1;
  EXPECT_NE(UnwrapOpenEnclaveReport(report).status().message().find("expected 2 (remote)"),
            std::string_view::npos);
  report[4] = 2;
  report[0] = 2;
  EXPECT_NE(UnwrapOpenEnclaveReport(report).status().message().find("version 2"),
            std::string_view::npos);
}

}  // namespace
}  // namespace confidant::evidence
