// Event log parsing and replay against the logs in ../shared/vectors, and malformed logs.

#include "evidence/event_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/byte_reader.h"
#include "common/encoding.h"
#include "crypto/hash.h"
#include "testing/vectors.h"

namespace confidant::evidence {
namespace {

nlohmann::json ReplayJson(const EventLog& log, uint16_t alg) {
  Result<std::map<uint32_t, Bytes>> pcrs = ReplayEventLog(log, alg);
  EXPECT_TRUE(pcrs.ok()) << pcrs.status();
  nlohmann::json out = nlohmann::json::object();
  if (!pcrs.ok()) return out;
  for (const auto& [index, value] : *pcrs) out[std::to_string(index)] = HexEncode(value);
  return out;
}

TEST(EventLogVectorsTest, EveryLogParsesAndReplaysToItsClaims) {
  std::vector<nlohmann::json> cases = vectors::Cases("eventlog");
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  int checked = 0;
  for (const nlohmann::json& c : cases) {
    SCOPED_TRACE(c["id"].get<std::string>());
    Result<EventLog> log = ParseEventLog(vectors::Read(c["evidence"]));
    ASSERT_TRUE(log.ok()) << log.status();
    EXPECT_TRUE(log->crypto_agile);
    const nlohmann::json& claims = c["expect"]["claims"];
    for (const auto& [name, value] : claims.items()) {
      if (name == "spec_id_algorithms") {
        nlohmann::json names = nlohmann::json::array();
        for (const SpecIdAlgorithm& a : log->algorithms)
          names.push_back(AlgorithmName(a.algorithm));
        EXPECT_EQ(names, value);
      } else if (name == "events_after_spec_id") {
        EXPECT_EQ(log->events.size(), value.get<size_t>());
      } else if (name == "separator_pcrs") {
        nlohmann::json pcrs = nlohmann::json::array();
        for (const TcgEvent& e : log->events) {
          if (e.type == kEvSeparator) pcrs.push_back(e.pcr);
        }
        EXPECT_EQ(pcrs, value);
      } else if (name == "replayed_pcrs_sha256") {
        EXPECT_EQ(ReplayJson(*log, kTpmAlgSha256), value);
      } else if (name == "replayed_pcrs_sha384") {
        EXPECT_EQ(ReplayJson(*log, kTpmAlgSha384), value);
      } else if (name == "pcrs_extended_by_log") {
        nlohmann::json extended = nlohmann::json::array();
        const nlohmann::json replayed = ReplayJson(*log, kTpmAlgSha256);
        for (const auto& [index, unused] : replayed.items()) {
          extended.push_back(std::stoi(index));
        }
        EXPECT_EQ(extended, value);
      } else if (name == "reference_pcrs_sha1" || name == "reference_pcrs_sha256") {
        uint16_t alg = name == "reference_pcrs_sha1" ? kTpmAlgSha1 : kTpmAlgSha256;
        nlohmann::json replayed = ReplayJson(*log, alg);
        for (const auto& [index, digest] : replayed.items()) {
          EXPECT_EQ(digest, value[index]) << name << " PCR " << index;
        }
        EXPECT_EQ(claims["replay_matches_reference"], true);
      } else if (name == "post_separator_authority_events") {
        bool after_separator = false;
        int count = 0;
        for (const TcgEvent& e : log->events) {
          if (e.pcr != 7) continue;
          if (e.type == kEvSeparator) after_separator = true;
          if (after_separator && e.type == kEvEfiVariableAuthority) ++count;
        }
        EXPECT_EQ(count, value.get<int>());
      } else if (name != "replay_matches_reference") {
        ADD_FAILURE() << "unchecked claim " << name;
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 12);
}

TEST(EventLogVectorsTest, EveryTruncationEndsAtAnEventOrFails) {
  std::vector<nlohmann::json> cases = vectors::Cases("eventlog");
  if (cases.empty()) GTEST_SKIP();
  for (const nlohmann::json& c : cases) {
    Bytes bytes = vectors::Read(c["evidence"]);
    Result<EventLog> log = ParseEventLog(bytes);
    ASSERT_TRUE(log.ok());
    std::set<size_t> boundaries = {bytes.size()};
    for (const TcgEvent& e : log->events) boundaries.insert(e.offset);
    for (size_t n = 0; n < bytes.size(); ++n) {
      Result<EventLog> prefix = ParseEventLog(ByteSpan(bytes).first(n));
      if (boundaries.count(n) != 0 && n > 0) {
        ASSERT_TRUE(prefix.ok()) << n << ": " << prefix.status();
      } else {
        ASSERT_FALSE(prefix.ok()) << "prefix of " << n << " bytes parsed";
        ASSERT_EQ(prefix.status().code(), StatusCode::kInvalidArgument);
      }
    }
  }
}

// A crypto-agile log's first event, in SHA-1 format: EV_NO_ACTION carrying a TCG_EfiSpecIdEvent
// that declares `algorithms` (its count written as `count`, which defaults to their number),
// followed by `after_vendor_info` inside the event data.
Bytes SpecIdEvent(const std::vector<SpecIdAlgorithm>& algorithms,
                  std::optional<uint32_t> count = std::nullopt,
                  const Bytes& after_vendor_info = {}) {
  ByteWriter spec;
  spec.Write(AsBytes(std::string_view("Spec ID Event03\0", 16)));
  spec.U32Le(0);  // platform class
  spec.U8(0);
  spec.U8(2);
  spec.U8(0);
  spec.U8(2);
  spec.U32Le(count.value_or(static_cast<uint32_t>(algorithms.size())));
  for (const SpecIdAlgorithm& a : algorithms) {
    spec.U16Le(a.algorithm);
    spec.U16Le(a.digest_size);
  }
  spec.U8(0);  // vendor info size
  spec.Write(after_vendor_info);
  ByteWriter w;
  w.U32Le(0);
  w.U32Le(kEvNoAction);
  w.Zeros(20);
  w.U32Le(static_cast<uint32_t>(spec.size()));
  w.Write(spec.bytes());
  return std::move(w).Take();
}

// A crypto-agile log declaring SHA-256 with one PCR 7 event, built field by field.
Bytes SmallLog(uint16_t event_alg, uint32_t digest_count, uint32_t event_size) {
  ByteWriter w;
  w.Write(SpecIdEvent({{kTpmAlgSha256, 32}}));
  w.U32Le(7);
  w.U32Le(kEvSeparator);
  w.U32Le(digest_count);
  for (uint32_t i = 0; i < digest_count; ++i) {
    w.U16Le(event_alg);
    w.Zeros(32);
  }
  w.U32Le(event_size);
  w.Zeros(std::min<uint32_t>(event_size, 4));
  return std::move(w).Take();
}

void ExpectInvalid(const Bytes& log, std::string_view fragment) {
  Result<EventLog> r = ParseEventLog(log);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(fragment), std::string_view::npos) << r.status();
}

TEST(EventLogTest, ParsesAndReplaysABuiltLog) {
  Result<EventLog> log = ParseEventLog(SmallLog(kTpmAlgSha256, 1, 4));
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->events.size(), 1u);
  Result<std::map<uint32_t, Bytes>> pcrs = ReplayEventLog(*log, kTpmAlgSha256);
  ASSERT_TRUE(pcrs.ok());
  // PCR7 = SHA-256(32 zero bytes || 32 zero bytes).
  EXPECT_EQ(HexEncode(pcrs->at(7)),
            "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
  EXPECT_NE(ReplayEventLog(*log, kTpmAlgSha1).status().message().find("no sha1 digests"),
            std::string_view::npos);
}

TEST(EventLogTest, RejectsMalformedLogs) {
  ExpectInvalid(SmallLog(kTpmAlgSha384, 1, 4), "sha384 is not declared");
  ExpectInvalid(SmallLog(kTpmAlgSha256, 2, 4), "2 digests, but the Spec ID event declares 1");
  ExpectInvalid(SmallLog(kTpmAlgSha256, 1, 0x7fffffff), "exceeds 16 MiB");
  ExpectInvalid(SmallLog(kTpmAlgSha256, 1, 5), "event 1: event data: need 5 bytes, 4 remain");
  ExpectInvalid(Bytes{}, "event 0: pcr index: need 4 bytes");
}

// docs/attestation-evidence.md: the Spec ID event declares 1 to 16 algorithms, each with a
// digest size of 1-64 bytes that must match the algorithm for SHA-1/256/384/512.
TEST(EventLogTest, SpecIdDigestSizesFollowTheRules) {
  ExpectInvalid(SpecIdEvent({{kTpmAlgSha256, 20}}),
                "event log: spec id event: sha256 declared with digest size 20");
  ExpectInvalid(SpecIdEvent({{kTpmAlgSha1, 20}, {kTpmAlgSha384, 48}, {kTpmAlgSha512, 32}}),
                "event log: spec id event: sha512 declared with digest size 32");
  ExpectInvalid(SpecIdEvent({{kTpmAlgSha256, 0}}),
                "event log: spec id event: digest size 0 for sha256");
  ExpectInvalid(SpecIdEvent({{0x0012, 65}}),
                "event log: spec id event: digest size 65 for alg 0x0012");
  ExpectInvalid(SpecIdEvent({}), "event log: spec id event: 0 algorithms (1 to 16 allowed)");
  ExpectInvalid(SpecIdEvent(std::vector<SpecIdAlgorithm>(17, {kTpmAlgSha256, 32})),
                "event log: spec id event: 17 algorithms (1 to 16 allowed)");
  ExpectInvalid(SpecIdEvent({{kTpmAlgSha256, 32}}, 2),
                "event log: spec id event: algorithm id: need 2 bytes, 1 remain");
  ExpectInvalid(SpecIdEvent({{kTpmAlgSha256, 32}}, std::nullopt, {0}),
                "event log: spec id event: 1 trailing bytes");

  Result<EventLog> sixteen =
      ParseEventLog(SpecIdEvent(std::vector<SpecIdAlgorithm>(16, {kTpmAlgSha384, 48})));
  ASSERT_TRUE(sixteen.ok()) << sixteen.status();
  EXPECT_EQ(sixteen->algorithms.size(), 16u);
}

// An algorithm the crypto layer does not know (SM3-256, 0x0012) may be declared with any size from
// 1 to 64: its digests are read at that size, and only replaying that bank is refused.
TEST(EventLogTest, SpecIdMayDeclareUnknownAlgorithms) {
  constexpr uint16_t kTpmAlgSm3 = 0x0012;
  ByteWriter w;
  w.Write(SpecIdEvent({{kTpmAlgSm3, 1}, {kTpmAlgSha256, 32}}));
  w.U32Le(7);
  w.U32Le(kEvSeparator);
  w.U32Le(2);
  w.U16Le(kTpmAlgSm3);
  w.U8(0xaa);
  w.U16Le(kTpmAlgSha256);
  w.Zeros(32);
  w.U32Le(0);  // no event data
  Result<EventLog> log = ParseEventLog(w.bytes());
  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->algorithms.size(), 2u);
  EXPECT_EQ(log->algorithms[0].algorithm, kTpmAlgSm3);
  EXPECT_EQ(log->algorithms[0].digest_size, 1);
  ASSERT_EQ(log->events.size(), 1u);
  EXPECT_EQ(log->events[0].digests[0].digest, Bytes{0xaa});
  EXPECT_EQ(log->events[0].digests[1].digest, Bytes(32, 0));
  EXPECT_TRUE(ReplayEventLog(*log, kTpmAlgSha256).ok());
  EXPECT_EQ(ReplayEventLog(*log, kTpmAlgSm3).status(),
            InvalidArgumentError("unsupported digest algorithm alg 0x0012"));
}

}  // namespace
}  // namespace confidant::evidence

namespace confidant::evidence {
namespace {

// UEFI_VARIABLE_DATA for `name` with `data`.
Bytes UefiVariableData(std::u16string_view name, ByteSpan data) {
  ByteWriter w;
  w.Write(kEfiGlobalVariableGuid);
  w.U64Le(name.size());
  w.U64Le(data.size());
  for (char16_t c : name) w.U16Le(c);
  w.Write(data);
  return std::move(w).Take();
}

TcgEvent SecureBootEvent(ByteSpan value, uint32_t pcr = 7) {
  TcgEvent e;
  e.pcr = pcr;
  e.type = kEvEfiVariableDriverConfig;
  e.data = UefiVariableData(u"SecureBoot", value);
  e.digests.push_back({kTpmAlgSha256, crypto::Sha256(e.data)});
  return e;
}

TEST(UefiVariableTest, ParsesAndRejectsMalformedData) {
  const Bytes one = {1};
  Bytes data = UefiVariableData(u"SecureBoot", one);
  Result<UefiVariable> v = ParseUefiVariable(data);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->guid, kEfiGlobalVariableGuid);
  EXPECT_EQ(v->name, u"SecureBoot");
  EXPECT_EQ(v->data, one);
  for (size_t n = 0; n < data.size(); ++n) {
    Result<UefiVariable> prefix = ParseUefiVariable(ByteSpan(data).first(n));
    ASSERT_FALSE(prefix.ok()) << n;
    ASSERT_EQ(prefix.status().code(), StatusCode::kInvalidArgument);
  }
  Bytes trailing = data;
  trailing.push_back(0);
  EXPECT_FALSE(ParseUefiVariable(trailing).ok());
  // A name length whose byte count overflows is an error, not a wrap-around.
  Bytes huge = data;
  for (int i = 16; i < 24; ++i) huge[i] = 0xff;
  EXPECT_EQ(ParseUefiVariable(huge).status().code(), StatusCode::kInvalidArgument);
}

TEST(UefiVariableTest, SecureBootStateComesFromAMeasuredPcr7Event) {
  const Bytes on = {1};
  const Bytes off = {0};
  EventLog log;
  log.crypto_agile = true;
  log.algorithms = {{kTpmAlgSha256, 32}};
  EXPECT_EQ(SecureBootEnabled(log, kTpmAlgSha256).status().code(), StatusCode::kNotFound);
  log.events = {SecureBootEvent(on)};
  EXPECT_EQ(SecureBootEnabled(log, kTpmAlgSha256).value(), true);
  log.events = {SecureBootEvent(off)};
  EXPECT_EQ(SecureBootEnabled(log, kTpmAlgSha256).value(), false);
  log.events = {SecureBootEvent(on, /*pcr=*/1)};  // not PCR 7
  EXPECT_FALSE(SecureBootEnabled(log, kTpmAlgSha256).ok());
  TcgEvent unmeasured = SecureBootEvent(off);
  unmeasured.data = UefiVariableData(u"SecureBoot", on);  // data not what the digest covers
  log.events = {unmeasured};
  EXPECT_FALSE(SecureBootEnabled(log, kTpmAlgSha256).ok());
  log.events = {SecureBootEvent(off), SecureBootEvent(on)};  // the last one counts
  EXPECT_EQ(SecureBootEnabled(log, kTpmAlgSha256).value(), true);
  EXPECT_FALSE(SecureBootEnabled(log, kTpmAlgSha1).ok());  // no SHA-1 digests
}

// go-attestation's secure-boot certificate log: SecureBoot measured as enabled.
TEST(UefiVariableTest, SecureBootInARealLog) {
  if (!vectors::Available()) GTEST_SKIP() << "no vectors at " << vectors::Dir();
  Result<EventLog> log = ParseEventLog(vectors::Read("tpm-go-attestation/sb_cert_eventlog.bin"));
  ASSERT_TRUE(log.ok()) << log.status();
  for (uint16_t alg : {kTpmAlgSha1, kTpmAlgSha256, kTpmAlgSha384}) {
    Result<bool> enabled = SecureBootEnabled(*log, alg);
    ASSERT_TRUE(enabled.ok()) << enabled.status();
    EXPECT_TRUE(*enabled);
  }
}

}  // namespace
}  // namespace confidant::evidence
