// DCAP collateral readers: every vector collateral file parses, and malformed documents are
// refused with the member they concern.

#include "evidence/dcap_collateral.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "common/encoding.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

TEST(DcapCollateralTest, EveryVectorCollateralFileParses) {
  if (!vectors::Available()) GTEST_SKIP();
  int files = 0;
  for (const nlohmann::json& c : vectors::Cases()) {
    if (!c["collateral"].contains("quote_collateral_json")) continue;
    SCOPED_TRACE(c["id"].get<std::string>());
    Result<DcapCollateral> collateral =
        ParseQuoteCollateralJson(vectors::ReadText(c["collateral"]["quote_collateral_json"]));
    ASSERT_TRUE(collateral.ok()) << collateral.status();
    Result<TcbInfo> info = ParseTcbInfo(collateral->tcb_info.text);
    ASSERT_TRUE(info.ok()) << info.status();
    EXPECT_FALSE(info->levels.empty());
    Result<EnclaveIdentity> identity = ParseEnclaveIdentity(collateral->qe_identity.text);
    ASSERT_TRUE(identity.ok()) << identity.status();
    EXPECT_EQ(identity->id, info->id == "TDX" ? "TD_QE" : "QE");
    ++files;
  }
  EXPECT_GE(files, 10);
}

TEST(DcapCollateralTest, PcsResponsesKeepTheExactSignedText) {
  if (!vectors::Available()) GTEST_SKIP();
  const std::string file = vectors::ReadText("tdx-go-spr-e4/tcb_info_response.json");
  Result<SignedJson> signed_json = ParsePcsSignedResponse(file, "tcbInfo");
  ASSERT_TRUE(signed_json.ok()) << signed_json.status();
  EXPECT_EQ(file.find(signed_json->text), 11u);  // after {"tcbInfo":
  Result<TcbInfo> info = ParseTcbInfo(signed_json->text);
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->id, "TDX");
  EXPECT_EQ(HexEncode(info->fmspc), "50806f000000");
  EXPECT_EQ(info->evaluation_data_number, 15);
  // The same object pretty-printed is not what Intel signed.
  nlohmann::ordered_json pretty = nlohmann::ordered_json::parse(file);
  Result<SignedJson> reformatted = ParsePcsSignedResponse(pretty.dump(2), "tcbInfo");
  EXPECT_FALSE(reformatted.ok());
  EXPECT_NE(reformatted.status().message().find("compact form"), std::string_view::npos);
  EXPECT_FALSE(ParsePcsSignedResponse(file, "enclaveIdentity").ok());
}

// A minimal valid TCB info, to break one member at a time.
nlohmann::ordered_json GoodTcbInfo() {
  nlohmann::ordered_json level = {
      {"tcb", {{"sgxtcbcomponents", nlohmann::ordered_json::array()}, {"pcesvn", 13}}},
      {"tcbDate", "2024-03-13T00:00:00Z"},
      {"tcbStatus", "UpToDate"}};
  for (int i = 0; i < 16; ++i) level["tcb"]["sgxtcbcomponents"].push_back({{"svn", i}});
  return {{"id", "SGX"},
          {"version", 3},
          {"issueDate", "2025-06-19T10:56:11Z"},
          {"nextUpdate", "2025-07-19T10:56:11Z"},
          {"fmspc", "00A067110000"},
          {"pceId", "0000"},
          {"tcbType", 0},
          {"tcbEvaluationDataNumber", 17},
          {"tcbLevels", {level}}};
}

TEST(DcapCollateralTest, TcbInfoErrorsNameTheMember) {
  ASSERT_TRUE(ParseTcbInfo(GoodTcbInfo().dump()).ok())
      << ParseTcbInfo(GoodTcbInfo().dump()).status();
  struct Case {
    const char* pointer;
    nlohmann::ordered_json value;
    const char* message;
  };
  const Case cases[] = {
      {"/version", 4, "\"version\" 4 is out of range"},
      {"/id", "XYZ", "unknown id XYZ"},
      {"/fmspc", "00A0671100", "\"fmspc\" is 5 bytes"},
      {"/fmspc", "00A06711000G", "\"fmspc\""},
      {"/issueDate", "yesterday", "\"issueDate\""},
      {"/tcbType", 1, "\"tcbType\" 1 is out of range"},
      {"/tcbLevels", nlohmann::ordered_json::array(), "\"tcbLevels\" is empty"},
      {"/tcbLevels/0/tcbStatus", "Fine", "unknown tcbStatus \"Fine\""},
      {"/tcbLevels/0/tcb/pcesvn", -1, "\"pcesvn\" -1 is out of range"},
      {"/tcbLevels/0/tcb/sgxtcbcomponents/3/svn", 256, "tcbLevels[0].tcb.sgxtcbcomponents[3]"},
      {"/tcbLevels/0/tcb/sgxtcbcomponents/3", "x", "sgxtcbcomponents[3]: not an object"},
      {"/tcbLevels/0/advisoryIDs", {1}, "advisory ID is not a string"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.pointer);
    nlohmann::ordered_json doc = GoodTcbInfo();
    doc[nlohmann::ordered_json::json_pointer(c.pointer)] = c.value;
    Result<TcbInfo> info = ParseTcbInfo(doc.dump());
    ASSERT_FALSE(info.ok());
    EXPECT_EQ(info.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(info.status().message().find(c.message), std::string_view::npos) << info.status();
  }
  nlohmann::ordered_json short_list = GoodTcbInfo();
  short_list["tcbLevels"][0]["tcb"]["sgxtcbcomponents"].erase(0);
  EXPECT_FALSE(ParseTcbInfo(short_list.dump()).ok());
  nlohmann::ordered_json tdx = GoodTcbInfo();
  tdx["id"] = "TDX";  // a TDX TCB info needs tdxModule and tdxtcbcomponents
  EXPECT_FALSE(ParseTcbInfo(tdx.dump()).ok());
  for (const char* text : {"", "[]", "{", "null", "{\"version\":3}"}) {
    EXPECT_FALSE(ParseTcbInfo(text).ok()) << text;
    EXPECT_FALSE(ParseEnclaveIdentity(text).ok()) << text;
    EXPECT_FALSE(ParseQuoteCollateralJson(text).ok()) << text;
  }
}

TEST(DcapCollateralTest, EnclaveIdentityAndCollateralFileErrors) {
  if (!vectors::Available()) GTEST_SKIP();
  nlohmann::ordered_json file =
      nlohmann::ordered_json::parse(vectors::ReadText("sgx-dcap-qvl-v3/collateral.json"));
  nlohmann::ordered_json identity =
      nlohmann::ordered_json::parse(file["qe_identity"].get<std::string>());
  ASSERT_TRUE(ParseEnclaveIdentity(identity.dump()).ok());
  for (const char* member :
       {"mrsigner", "isvprodid", "miscselect", "attributesMask", "tcbLevels"}) {
    nlohmann::ordered_json broken = identity;
    broken.erase(member);
    Result<EnclaveIdentity> parsed = ParseEnclaveIdentity(broken.dump());
    ASSERT_FALSE(parsed.ok()) << member;
    EXPECT_NE(parsed.status().message().find(member), std::string_view::npos) << parsed.status();
  }
  nlohmann::ordered_json short_signature = file;
  short_signature["tcb_info_signature"] = "abcd";
  Result<DcapCollateral> parsed = ParseQuoteCollateralJson(short_signature.dump());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("tcb_info_signature"), std::string_view::npos);
  nlohmann::ordered_json missing = file;
  missing.erase("pck_crl");
  EXPECT_FALSE(ParseQuoteCollateralJson(missing.dump()).ok());
}

// Every truncation of PCS responses and of a dcap-qvl collateral file is refused, never a crash.
// (The other collateral files are 18-25 KB each; their every-prefix parse would cost minutes
// under ASan for the same JSON reader.)
TEST(DcapCollateralTest, EveryTruncationIsRefused) {
  if (!vectors::Available()) GTEST_SKIP();
  auto end = [](const std::string& text) { return text.find_last_not_of(" \r\n\t") + 1; };
  for (const auto& [file, key] :
       {std::pair{"tdx-go-spr-e4/tcb_info_response.json", "tcbInfo"},
        std::pair{"tdx-go-spr-e4/qe_identity_response.json", "enclaveIdentity"}}) {
    const std::string text = vectors::ReadText(file);
    Result<SignedJson> whole = ParsePcsSignedResponse(text, key);
    ASSERT_TRUE(whole.ok()) << file << ": " << whole.status();
    for (size_t n = 0; n < end(text); ++n) {
      Result<SignedJson> prefix = ParsePcsSignedResponse(std::string_view(text).substr(0, n), key);
      ASSERT_FALSE(prefix.ok()) << file << " " << n;
      ASSERT_EQ(prefix.status().code(), StatusCode::kInvalidArgument) << file << " " << n;
    }
  }
  const std::string collateral = vectors::ReadText("tdx-go-spr-e4/collateral.json");
  ASSERT_TRUE(ParseQuoteCollateralJson(collateral).ok());
  for (size_t n = 0; n < end(collateral); ++n) {
    Result<DcapCollateral> prefix =
        ParseQuoteCollateralJson(std::string_view(collateral).substr(0, n));
    ASSERT_FALSE(prefix.ok()) << n;
    ASSERT_EQ(prefix.status().code(), StatusCode::kInvalidArgument) << n;
  }
}

}  // namespace
}  // namespace confidant::evidence
