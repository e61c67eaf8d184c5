// The `confidant` binary's contract as scripts see it: docs/cli.md.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "common/encoding.h"
#include "run_confidant.h"

namespace confidant::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(CliEndToEndTest, VersionNamesConfidantAndOpenSsl) {
  Outcome run = RunConfidant("--version");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, StartsWith(std::string("confidant ") + CONFIDANT_VERSION + "\nOpenSSL 3."));
}

TEST(CliEndToEndTest, HelpListsTheCommandGroups) {
  Outcome run = RunConfidant("--help");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  for (const char* group : {"platform", "enclave", "attest", "attestd", "kbs", "vm", "bench"}) {
    EXPECT_THAT(run.out, HasSubstr(group));
  }
}

TEST(CliEndToEndTest, UnknownCommandIsAUsageError) {
  Outcome run = RunConfidant("frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_THAT(run.err, StartsWith("confidant: unknown command 'frobnicate'"));
}

TEST(CliEndToEndTest, JsonErrorIsOneDocumentOnStdout) {
  Outcome run = RunConfidant("--json frobnicate");
  EXPECT_EQ(run.exit_code, 2);
  nlohmann::json json = nlohmann::json::parse(run.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(json.is_object()) << run.out;
  EXPECT_EQ(json["error"]["code"], "INVALID_ARGUMENT");
  EXPECT_THAT(json["error"]["message"].get<std::string>(), HasSubstr("frobnicate"));
}

TEST(CliEndToEndTest, PlannedGroupWithoutSubcommandIsAUsageError) {
  Outcome run = RunConfidant("kbs");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("confidant kbs: no subcommand given"));
}

// A malformed TPM structure gives one error line: the TPM library's own logging is quiet. The
// quote's PCR selection count is too big, which tss2-mu logs (TSS2_LOG=all+WARNING shows it).
TEST(CliEndToEndTest, MalformedTpmEvidenceIsOneErrorLine) {
  std::ifstream in(std::string(CONFIDANT_VECTORS_DIR) +
                   "/tpm-go-attestation/windows_gcp_shielded_vm.json");
  if (!in) GTEST_SKIP() << "no vectors at " << CONFIDANT_VECTORS_DIR;
  nlohmann::json dump = nlohmann::json::parse(in);
  // TPMS_ATTEST: magic, type, empty qualifiedSigner and extraData, clockInfo (17), firmware
  // version (8), then TPML_PCR_SELECTION.count = 0xffffffff.
  std::string attest =
      "\xff\x54\x43\x47\x80\x18" + std::string(4 + 17 + 8, '\0') + "\xff\xff\xff\xff";
  dump["Quote"]["Quote"] = Base64Encode(AsBytes(attest));
  const std::string path = ::testing::TempDir() + "/malformed_tpm.json";
  std::ofstream(path) << dump.dump();
  Outcome quiet = RunConfidant("attest verify --kind tpm --allow-sha1 " + path);
  EXPECT_EQ(quiet.exit_code, 1);
  EXPECT_THAT(quiet.err, StartsWith("confidant attest verify: tpm: tpm quote: malformed"));
  EXPECT_EQ(std::count(quiet.err.begin(), quiet.err.end(), '\n'), 1) << quiet.err;
  Outcome loud =
      RunConfidant("attest verify --kind tpm --allow-sha1 " + path, "TSS2_LOG=all+WARNING");
  EXPECT_THAT(loud.err, HasSubstr("count too big"));
}

// The signing workflow of docs/enclave-images.md with a key made by the command the hint names.
TEST(CliEndToEndTest, EnclaveSignInspectMeasure) {
  const std::string dir =
      ::testing::TempDir() + "/confidant_e2e_enclave_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  const std::string key = dir + "/private.pem";
  ASSERT_EQ(std::system(("openssl genrsa -out " + key + " -3 3072 2>/dev/null").c_str()), 0);
  const std::string image = dir + "/app.so";
  std::filesystem::copy_file(CONFIDANT_FIXTURE_ENCLAVE_DATA, image);
  std::ofstream(dir + "/app.conf") << "Debug=1\nNumHeapPages=64\nNumTCS=2\nProductID=3\n";

  Outcome sign = RunConfidant("enclave sign -e " + image + " -c " + dir + "/app.conf -k " + key);
  ASSERT_EQ(sign.exit_code, 0) << sign.err;
  EXPECT_THAT(sign.out, StartsWith("signed: " + image + ".signed\nmrenclave: "));
  Outcome measure = RunConfidant("enclave measure --json -e " + image + " -c " + dir + "/app.conf");
  ASSERT_EQ(measure.exit_code, 0) << measure.err;
  const std::string mrenclave = nlohmann::json::parse(measure.out)["mrenclave"];
  EXPECT_THAT(sign.out, HasSubstr("mrenclave: " + mrenclave + "\n"));

  Outcome inspect = RunConfidant("enclave inspect --json " + image + ".signed");
  ASSERT_EQ(inspect.exit_code, 0) << inspect.err;
  nlohmann::json doc = nlohmann::json::parse(inspect.out);
  EXPECT_EQ(doc["verified"], true);
  EXPECT_EQ(doc["mrenclave"], mrenclave);
  EXPECT_EQ(doc["isvprodid"], 3);

  // One byte of the signed file's configuration changed: NumHeapPages=64 -> 65.
  std::string bytes;
  {
    std::ifstream in(image + ".signed", std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t at = bytes.rfind("NumHeapPages=64");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 14] = '5';
  std::ofstream(image + ".signed", std::ios::binary) << bytes;
  Outcome tampered = RunConfidant("enclave inspect " + image + ".signed");
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_THAT(tampered.out, StartsWith("verified: NO\n"));
  EXPECT_THAT(tampered.err, HasSubstr("image: MRENCLAVE mismatch: signed " + mrenclave));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace confidant::testing
