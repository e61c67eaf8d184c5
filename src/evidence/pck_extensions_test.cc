// The PCK certificate's SGX extension: decoded from real PCK certificates, and refused when any
// part of its structure is wrong.

#include "evidence/pck_extensions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/encoding.h"
#include "crypto/der.h"
#include "evidence/dcap_quote.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

using crypto::DerSequence;

crypto::Certificate PckLeaf(const std::string& quote_file) {
  Bytes bytes = vectors::Read(quote_file);
  Result<DcapQuote> quote = ParseDcapQuote(bytes);
  EXPECT_TRUE(quote.ok()) << quote.status();
  std::string pem(quote->qe.certification_data.begin(), quote->qe.certification_data.end());
  return (*crypto::Certificate::ParsePemChain(pem))[0];
}

TEST(PckExtensionsTest, EveryVectorQuoteMatchesItsCase) {
  if (!vectors::Available()) GTEST_SKIP();
  int checked = 0;
  for (const char* kind : {"sgx-dcap", "tdx-dcap"}) {
    for (const nlohmann::json& c : vectors::Cases(kind)) {
      const nlohmann::json& claims = c["expect"]["claims"];
      if (c.contains("mutation") || !claims.is_object() || !claims.contains("fmspc")) continue;
      SCOPED_TRACE(c["id"].get<std::string>());
      Result<PckExtensions> ext = ReadPckExtensions(PckLeaf(c["evidence"]));
      ASSERT_TRUE(ext.ok()) << ext.status();
      EXPECT_EQ(HexEncode(ext->fmspc), claims["fmspc"]);
      EXPECT_EQ(HexEncode(ext->pce_id), claims["pce_id"]);
      EXPECT_EQ(std::vector<int>(ext->tcb.sgx_components.begin(), ext->tcb.sgx_components.end()),
                claims["pck_tcb"]["sgx_components"].get<std::vector<int>>());
      EXPECT_EQ(ext->tcb.pcesvn, claims["pck_tcb"]["pcesvn"]);
      ++checked;
    }
  }
  EXPECT_GE(checked, 4);
}

TEST(PckExtensionsTest, PlatformCertificatesCarryAnInstanceId) {
  if (!vectors::Available()) GTEST_SKIP();
  Result<PckExtensions> platform = ReadPckExtensions(PckLeaf("tdx-dcap-qvl-v4/quote.bin"));
  ASSERT_TRUE(platform.ok()) << platform.status();
  EXPECT_TRUE(platform->platform_instance_id.has_value());
  Result<PckExtensions> processor = ReadPckExtensions(PckLeaf("sgx-dcap-qvl-v3/quote.bin"));
  ASSERT_TRUE(processor.ok()) << processor.status();
  EXPECT_FALSE(processor->platform_instance_id.has_value());
}

// A well-formed extension built here, so each test can break one thing.
Bytes Entry(const std::string& suffix, const Bytes& value) {
  return DerSequence(std::vector<Bytes>{*crypto::DerOid("1.2.840.113741.1.13.1." + suffix), value});
}

Bytes Tcb(int drop = 0, bool duplicate = false) {
  std::vector<Bytes> entries;
  for (int i = 1; i <= 16; ++i)
    entries.push_back(Entry("2." + std::to_string(i), crypto::DerInteger(i)));
  entries.push_back(Entry("2.17", crypto::DerInteger(13)));
  entries.push_back(Entry("2.18", crypto::DerOctetString(Bytes(16, 0x11))));
  if (drop > 0) entries.erase(entries.begin() + drop - 1);
  if (duplicate) entries.push_back(entries[0]);
  return DerSequence(entries);
}

Bytes Extension(std::vector<Bytes> entries) { return DerSequence(entries); }

std::vector<Bytes> GoodEntries() {
  return {Entry("1", crypto::DerOctetString(Bytes(16, 0xaa))), Entry("2", Tcb()),
          Entry("3", crypto::DerOctetString(Bytes{0, 0})),
          Entry("4", crypto::DerOctetString(Bytes{0, 0x90, 0x6e, 0xd5, 0, 0})),
          Entry("5", crypto::DerEnumerated(0))};
}

TEST(PckExtensionsTest, ABuiltExtensionParses) {
  Result<PckExtensions> ext = ParsePckExtensions(Extension(GoodEntries()));
  ASSERT_TRUE(ext.ok()) << ext.status();
  EXPECT_EQ(ext->tcb.sgx_components[15], 16);
  EXPECT_EQ(ext->tcb.pcesvn, 13);
  EXPECT_EQ(HexEncode(ext->fmspc), "00906ed50000");
}

TEST(PckExtensionsTest, StructuralErrorsAreRefused) {
  struct Case {
    const char* name;
    std::vector<Bytes> entries;
    const char* message;
  };
  std::vector<Case> cases;
  for (int missing = 0; missing < 5; ++missing) {
    std::vector<Bytes> e = GoodEntries();
    e.erase(e.begin() + missing);
    cases.push_back({"missing entry", e, "is missing"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e.push_back(e[3]);
    cases.push_back({"duplicate FMSPC", e, "appears twice"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e[3] = Entry("4", crypto::DerOctetString(Bytes(5, 0)));
    cases.push_back({"short FMSPC", e, "FMSPC is 5 bytes"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e[1] = Entry("2", Tcb(/*drop=*/17));
    cases.push_back({"TCB without PCESVN", e, "18 entries"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e[1] = Entry("2", Tcb(0, /*duplicate=*/true));
    cases.push_back({"TCB entry twice", e, "appears twice"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e[4] = Entry("5", crypto::DerEnumerated(7));
    cases.push_back({"unknown SGX type", e, "SGX type 7"});
  }
  {
    std::vector<Bytes> e = GoodEntries();
    e.push_back(Entry("9", crypto::DerInteger(1)));
    cases.push_back({"unknown entry", e, "unexpected entry"});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<PckExtensions> ext = ParsePckExtensions(Extension(c.entries));
    ASSERT_FALSE(ext.ok());
    EXPECT_EQ(ext.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(ext.status().message().find(c.message), std::string_view::npos) << ext.status();
  }
  // Trailing bytes after the SEQUENCE, and every truncation.
  Bytes good = Extension(GoodEntries());
  Bytes trailing = good;
  trailing.push_back(0);
  EXPECT_FALSE(ParsePckExtensions(trailing).ok());
  for (size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(ParsePckExtensions(ByteSpan(good).first(n)).ok()) << n;
  }
}

}  // namespace
}  // namespace confidant::evidence
