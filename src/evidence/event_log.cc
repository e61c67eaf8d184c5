#include "evidence/event_log.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "common/byte_reader.h"
#include "crypto/hash.h"

namespace confidant::evidence {
namespace {

constexpr char kSpecIdSignature[] = "Spec ID Event03";  // 16 bytes with its NUL
constexpr char kStartupLocality[] = "StartupLocality";  // 16 bytes with its NUL
constexpr size_t kSha1Size = 20;
constexpr uint32_t kMaxAlgorithms = 16;
constexpr uint64_t kMaxEventSize = 16 * 1024 * 1024;

bool StartsWith(ByteSpan data, const char* prefix, size_t n) {
  return data.size() >= n && std::memcmp(data.data(), prefix, n) == 0;
}

std::string EventContext(size_t index) { return "event " + std::to_string(index); }

// The fields both event formats start with: pcr index and event type.
Result<TcgEvent> ReadEventHeader(ByteReader& r, const std::string& ctx) {
  TcgEvent e;
  e.offset = r.offset();
  ASSIGN_OR_RETURN(e.pcr, r.ReadU32Le(ctx + ": pcr index"));
  ASSIGN_OR_RETURN(e.type, r.ReadU32Le(ctx + ": event type"));
  return e;
}

// The fields both event formats end with: event size and data.
Status ReadEventData(ByteReader& r, const std::string& ctx, TcgEvent& e) {
  ASSIGN_OR_RETURN(uint32_t size, r.ReadU32Le(ctx + ": event size"));
  if (size > kMaxEventSize) {
    return InvalidArgumentError("event log: " + ctx + ": event size " + std::to_string(size) +
                                " exceeds 16 MiB");
  }
  ASSIGN_OR_RETURN(ByteSpan data, r.ReadBytes(size, ctx + ": event data"));
  e.data.assign(data.begin(), data.end());
  return OkStatus();
}

// A TCG_PCClientPCREvent (SHA-1 format): pcr, type, 20-byte digest, size, data.
Result<TcgEvent> ReadSha1Event(ByteReader& r, size_t index) {
  const std::string ctx = EventContext(index);
  ASSIGN_OR_RETURN(TcgEvent e, ReadEventHeader(r, ctx));
  ASSIGN_OR_RETURN(ByteSpan digest, r.ReadBytes(kSha1Size, ctx + ": sha1 digest"));
  e.digests.push_back({kTpmAlgSha1, Bytes(digest.begin(), digest.end())});
  RETURN_IF_ERROR(ReadEventData(r, ctx, e));
  return e;
}

// A TCG_PCR_EVENT2: pcr, type, digest count, {alg, digest}..., size, data.
Result<TcgEvent> ReadAgileEvent(ByteReader& r, size_t index,
                                const std::vector<SpecIdAlgorithm>& algorithms) {
  const std::string ctx = EventContext(index);
  ASSIGN_OR_RETURN(TcgEvent e, ReadEventHeader(r, ctx));
  ASSIGN_OR_RETURN(uint32_t count, r.ReadU32Le(ctx + ": digest count"));
  if (count > algorithms.size()) {
    return InvalidArgumentError("event log: " + ctx + ": " + std::to_string(count) +
                                " digests, but the Spec ID event declares " +
                                std::to_string(algorithms.size()) + " algorithms");
  }
  for (uint32_t i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(uint16_t alg, r.ReadU16Le(ctx + ": digest algorithm"));
    auto known = std::find_if(algorithms.begin(), algorithms.end(),
                              [alg](const SpecIdAlgorithm& a) { return a.algorithm == alg; });
    if (known == algorithms.end()) {
      return InvalidArgumentError("event log: " + ctx + ": digest algorithm " + AlgorithmName(alg) +
                                  " is not declared in the Spec ID event");
    }
    ASSIGN_OR_RETURN(ByteSpan digest, r.ReadBytes(known->digest_size, ctx + ": digest"));
    e.digests.push_back({alg, Bytes(digest.begin(), digest.end())});
  }
  RETURN_IF_ERROR(ReadEventData(r, ctx, e));
  return e;
}

// TCG_EfiSpecIdEvent: signature, platform class, versions, uintn size, algorithm table, vendor
// info.
Result<std::vector<SpecIdAlgorithm>> ReadSpecId(ByteSpan data) {
  ByteReader r(data, "event log: spec id event");
  RETURN_IF_ERROR(r.Skip(16 + 4 + 1 + 1 + 1 + 1, "header"));
  ASSIGN_OR_RETURN(uint32_t count, r.ReadU32Le("number of algorithms"));
  if (count == 0 || count > kMaxAlgorithms) {
    return InvalidArgumentError("event log: spec id event: " + std::to_string(count) +
                                " algorithms (1 to 16 allowed)");
  }
  std::vector<SpecIdAlgorithm> algorithms;
  for (uint32_t i = 0; i < count; ++i) {
    SpecIdAlgorithm a;
    ASSIGN_OR_RETURN(a.algorithm, r.ReadU16Le("algorithm id"));
    ASSIGN_OR_RETURN(a.digest_size, r.ReadU16Le("digest size"));
    if (a.digest_size == 0 || a.digest_size > 64) {
      return InvalidArgumentError("event log: spec id event: digest size " +
                                  std::to_string(a.digest_size) + " for " +
                                  AlgorithmName(a.algorithm));
    }
    Result<crypto::HashAlgorithm> hash = HashForTpmAlg(a.algorithm);
    if (hash.ok() && crypto::DigestSize(*hash) != a.digest_size) {
      return InvalidArgumentError("event log: spec id event: " + AlgorithmName(a.algorithm) +
                                  " declared with digest size " + std::to_string(a.digest_size));
    }
    algorithms.push_back(a);
  }
  ASSIGN_OR_RETURN(uint8_t vendor_size, r.ReadU8("vendor info size"));
  RETURN_IF_ERROR(r.Skip(vendor_size, "vendor info"));
  RETURN_IF_ERROR(r.ExpectEnd());
  return algorithms;
}

}  // namespace

std::string AlgorithmName(uint16_t tpm_alg) {
  switch (tpm_alg) {
    case kTpmAlgSha1:
      return "sha1";
    case kTpmAlgSha256:
      return "sha256";
    case kTpmAlgSha384:
      return "sha384";
    case kTpmAlgSha512:
      return "sha512";
  }
  char buf[16];
  std::snprintf(buf, sizeof(buf), "alg 0x%04x", tpm_alg);
  return buf;
}

Result<crypto::HashAlgorithm> HashForTpmAlg(uint16_t tpm_alg) {
  switch (tpm_alg) {
    case kTpmAlgSha1:
      return crypto::HashAlgorithm::kSha1;
    case kTpmAlgSha256:
      return crypto::HashAlgorithm::kSha256;
    case kTpmAlgSha384:
      return crypto::HashAlgorithm::kSha384;
    case kTpmAlgSha512:
      return crypto::HashAlgorithm::kSha512;
  }
  return InvalidArgumentError("unsupported digest algorithm " + AlgorithmName(tpm_alg));
}

Result<EventLog> ParseEventLog(ByteSpan bytes) {
  ByteReader r(bytes, "event log");
  EventLog log;
  ASSIGN_OR_RETURN(TcgEvent first, ReadSha1Event(r, 0));
  if (first.type == kEvNoAction && StartsWith(first.data, kSpecIdSignature, 16)) {
    log.crypto_agile = true;
    ASSIGN_OR_RETURN(log.algorithms, ReadSpecId(first.data));
  } else {
    log.algorithms = {{kTpmAlgSha1, kSha1Size}};
    log.events.push_back(std::move(first));
  }
  while (!r.empty()) {
    size_t index = log.events.size() + (log.crypto_agile ? 1 : 0);
    Result<TcgEvent> event =
        log.crypto_agile ? ReadAgileEvent(r, index, log.algorithms) : ReadSha1Event(r, index);
    if (!event.ok()) return event.status();
    log.events.push_back(*std::move(event));
  }
  return log;
}

Result<std::map<uint32_t, Bytes>> ReplayEventLog(const EventLog& log, uint16_t tpm_alg) {
  ASSIGN_OR_RETURN(crypto::HashAlgorithm hash, HashForTpmAlg(tpm_alg));
  if (std::none_of(log.algorithms.begin(), log.algorithms.end(),
                   [tpm_alg](const SpecIdAlgorithm& a) { return a.algorithm == tpm_alg; })) {
    return InvalidArgumentError("event log: no " + AlgorithmName(tpm_alg) + " digests in this log");
  }
  const size_t size = crypto::DigestSize(hash);
  std::map<uint32_t, Bytes> pcrs;
  Bytes pcr0_start(size, 0);
  for (size_t i = 0; i < log.events.size(); ++i) {
    const TcgEvent& e = log.events[i];
    if (e.type == kEvNoAction) {
      if (StartsWith(e.data, kStartupLocality, 16) && e.data.size() >= 17) {
        pcr0_start.back() = e.data[16];
      }
      continue;
    }
    auto digest = std::find_if(e.digests.begin(), e.digests.end(),
                               [tpm_alg](const EventDigest& d) { return d.algorithm == tpm_alg; });
    if (digest == e.digests.end()) {
      return InvalidArgumentError("event log: event at offset " + std::to_string(e.offset) +
                                  " has no " + AlgorithmName(tpm_alg) + " digest");
    }
    auto [it, inserted] = pcrs.try_emplace(e.pcr, e.pcr == 0 ? pcr0_start : Bytes(size, 0));
    Bytes input = it->second;
    Append(input, digest->digest);
    it->second = crypto::Digest(hash, input);
  }
  return pcrs;
}

Result<UefiVariable> ParseUefiVariable(ByteSpan event_data) {
  ByteReader r(event_data, "uefi variable");
  UefiVariable v;
  ASSIGN_OR_RETURN(v.guid, r.ReadArray<16>("variable name guid"));
  ASSIGN_OR_RETURN(uint64_t name_chars, r.ReadU64Le("unicode name length"));
  ASSIGN_OR_RETURN(uint64_t data_size, r.ReadU64Le("variable data length"));
  if (name_chars > r.remaining() / 2) return r.TooShort(name_chars * 2, "unicode name");
  ASSIGN_OR_RETURN(ByteSpan name, r.ReadBytes(name_chars * 2, "unicode name"));
  for (size_t i = 0; i < name.size(); i += 2) {
    v.name.push_back(static_cast<char16_t>(name[i] | (name[i + 1] << 8)));
  }
  ASSIGN_OR_RETURN(ByteSpan data, r.ReadBytes(data_size, "variable data"));
  v.data.assign(data.begin(), data.end());
  RETURN_IF_ERROR(r.ExpectEnd());
  return v;
}

Result<bool> SecureBootEnabled(const EventLog& log, uint16_t tpm_alg) {
  ASSIGN_OR_RETURN(crypto::HashAlgorithm hash, HashForTpmAlg(tpm_alg));
  std::optional<bool> enabled;
  for (const TcgEvent& e : log.events) {
    if (e.pcr != 7 || e.type != kEvEfiVariableDriverConfig) continue;
    Result<UefiVariable> v = ParseUefiVariable(e.data);
    if (!v.ok() || v->guid != kEfiGlobalVariableGuid || v->name != u"SecureBoot") continue;
    auto digest = std::find_if(e.digests.begin(), e.digests.end(),
                               [&](const EventDigest& d) { return d.algorithm == tpm_alg; });
    if (digest == e.digests.end() || digest->digest != crypto::Digest(hash, e.data)) continue;
    enabled = v->data.size() == 1 && v->data[0] == 1;
  }
  if (!enabled) {
    return NotFoundError("event log: no measured SecureBoot variable in PCR 7 (" +
                         AlgorithmName(tpm_alg) + ")");
  }
  return *enabled;
}

}  // namespace confidant::evidence
