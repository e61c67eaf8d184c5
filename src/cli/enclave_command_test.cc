// `confidant enclave sign | inspect | measure` on the real fixture images: outputs, exit codes,
// errors that name the file, and a tampered image shown as refused.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/run_cli_for_test.h"
#include "common/encoding.h"
#include "common/file.h"
#include "crypto/key.h"
#include "image/signed_image.h"

namespace confidant::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

class EnclaveCommandTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(::testing::TempDir() + "/enclave_command_" + std::to_string(::getpid()));
    std::filesystem::create_directories(*dir_);
    crypto::PrivateKey key = *crypto::PrivateKey::GenerateRsa(3072, 3);
    ASSERT_TRUE(WriteFile(Path("key.pem"), key.ToPem()).ok());
    crypto::PrivateKey rsa2048 = *crypto::PrivateKey::GenerateRsa(2048, 3);
    ASSERT_TRUE(WriteFile(Path("rsa2048.pem"), rsa2048.ToPem()).ok());
    ASSERT_TRUE(WriteFile(Path("app.conf"), AsBytes(kConfig)).ok());
    for (const char* fixture : {CONFIDANT_FIXTURE_ENCLAVE_MINIMAL, CONFIDANT_FIXTURE_ENCLAVE_DATA,
                                CONFIDANT_FIXTURE_NOT_AN_ENCLAVE}) {
      std::filesystem::copy_file(fixture, Path(std::filesystem::path(fixture).filename()),
                                 std::filesystem::copy_options::overwrite_existing);
    }
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return *dir_ + "/" + name; }
  static std::string Minimal() { return Path("libconfidant_fixture_enclave_minimal.so"); }

  static constexpr std::string_view kConfig =
      "Debug=1\nNumHeapPages=32\nNumStackPages=4\nNumTCS=2\nProductID=5\nSecurityVersion=6\n";
  static std::string* dir_;
};

std::string* EnclaveCommandTest::dir_ = nullptr;

TEST_F(EnclaveCommandTest, SignWritesImageDotSignedAndPrintsItsIdentity) {
  Outcome run =
      RunCli({"enclave", "sign", "-e", Minimal(), "-c", Path("app.conf"), "-k", Path("key.pem")});
  ASSERT_EQ(run.exit_code, kExitOk) << run.err;
  const std::string out = Minimal() + ".signed";
  Result<Bytes> file = ReadFile(out);
  ASSERT_TRUE(file.ok());
  Result<image::VerifiedEnclaveImage> v = image::VerifyEnclaveImage(*file);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(run.out, "signed: " + out + "\nmrenclave: " + HexEncode(v->mrenclave) +
                         "\nmrsigner: " + HexEncode(v->mrsigner) + "\n");
  EXPECT_EQ(v->config_text, kConfig);
  EXPECT_EQ(run.err, "");

  Outcome measure = RunCli({"enclave", "measure", "-e", Minimal(), "-c", Path("app.conf")});
  ASSERT_EQ(measure.exit_code, kExitOk) << measure.err;
  EXPECT_EQ(measure.out, HexEncode(v->mrenclave) + "\n");
  Outcome measure_signed =
      RunCli({"enclave", "measure", "--json", "-e", out, "-c", Path("app.conf")});
  EXPECT_EQ(nlohmann::json::parse(measure_signed.out)["mrenclave"], HexEncode(v->mrenclave));
}

TEST_F(EnclaveCommandTest, InspectShowsIdentityConfigurationAndLayout) {
  const std::string out = Path("data.signed");
  ASSERT_EQ(RunCli({"enclave", "sign", "-e", Path("libconfidant_fixture_enclave_data.so"), "-c",
                    Path("app.conf"), "-k", Path("key.pem"), "-o", out})
                .exit_code,
            kExitOk);
  Result<image::VerifiedEnclaveImage> v = image::VerifyEnclaveImage(*ReadFile(out));
  ASSERT_TRUE(v.ok()) << v.status();

  Outcome text = RunCli({"enclave", "inspect", out});
  ASSERT_EQ(text.exit_code, kExitOk) << text.err;
  EXPECT_THAT(text.out, StartsWith("verified: yes\n  signature: ok\n  identity: ok\n"
                                   "  measurement: ok\n"));
  EXPECT_THAT(text.out, HasSubstr("mrenclave: " + HexEncode(v->mrenclave) + " (measured)\n"));
  EXPECT_THAT(text.out, HasSubstr("mrsigner: " + HexEncode(v->mrsigner) + "\n"));
  EXPECT_THAT(text.out, HasSubstr("isvprodid: 5\nisvsvn: 6\n"));
  EXPECT_THAT(text.out, HasSubstr("attributes: 0x6 DEBUG MODE64BIT, xfrm 0x3\n"));
  EXPECT_THAT(text.out, HasSubstr("  NumHeapPages=32\n"));
  EXPECT_THAT(text.out,
              HasSubstr("  heap: " + HexNumber(v->layout.heap_offset) + " size 0x20000\n"));
  EXPECT_THAT(text.out, HasSubstr("  tcs 1: stack " + HexNumber(v->layout.tcs[1].stack_offset)));

  Outcome json = RunCli({"enclave", "inspect", "--json", out});
  ASSERT_EQ(json.exit_code, kExitOk) << json.err;
  nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["verified"], true);
  EXPECT_EQ(doc["mrenclave"], HexEncode(v->mrenclave));
  EXPECT_EQ(doc["signed_mrenclave"], HexEncode(v->mrenclave));
  EXPECT_EQ(doc["mrsigner"], HexEncode(v->mrsigner));
  EXPECT_EQ(doc["isvprodid"], 5);
  EXPECT_EQ(doc["isvsvn"], 6);
  EXPECT_EQ(doc["attributes"]["names"], nlohmann::json({"DEBUG", "MODE64BIT"}));
  EXPECT_EQ(doc["configuration"]["NumTCS"], 2);
  EXPECT_EQ(doc["configuration"]["Debug"], true);
  EXPECT_EQ(doc["layout"]["enclave_size"], HexNumber(v->layout.enclave_size));
  EXPECT_EQ(doc["layout"]["tcs"].size(), 2u);
  EXPECT_EQ(doc["layout"]["regions"].size(), v->layout.regions.size());
  EXPECT_EQ(doc["layout"]["regions"].back()["kind"], "guard");
  EXPECT_EQ(doc["checks"]["measurement"], "ok");
}

TEST_F(EnclaveCommandTest, InspectShowsATamperedImageAsRefused) {
  const std::string out = Path("tampered.signed");
  ASSERT_EQ(RunCli({"enclave", "sign", "-e", Minimal(), "-c", Path("app.conf"), "-k",
                    Path("key.pem"), "-o", out})
                .exit_code,
            kExitOk);
  Bytes bytes = *ReadFile(out);
  const image::ElfImage elf = *image::ElfImage::Parse(bytes);
  for (const image::LoadSegment& s : elf.load_segments()) {
    if (s.executable()) bytes[s.offset + 3] ^= 0x40;
  }
  ASSERT_TRUE(WriteFile(out, bytes).ok());

  Outcome text = RunCli({"enclave", "inspect", out});
  EXPECT_EQ(text.exit_code, kExitFailure);
  EXPECT_THAT(text.out, StartsWith("verified: NO\n  signature: ok\n  identity: ok\n"
                                   "  measurement: refused: image: MRENCLAVE mismatch"));
  EXPECT_THAT(text.err, StartsWith("confidant enclave inspect: " + out +
                                   ": image: MRENCLAVE mismatch: signed "));

  Outcome json = RunCli({"enclave", "inspect", "--json", out});
  EXPECT_EQ(json.exit_code, kExitFailure);
  nlohmann::json doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["error"]["code"], "PERMISSION_DENIED");
  EXPECT_THAT(doc["error"]["message"].get<std::string>(), HasSubstr("MRENCLAVE mismatch"));
}

TEST_F(EnclaveCommandTest, ErrorsNameTheFile) {
  Outcome unsigned_image = RunCli({"enclave", "inspect", Minimal()});
  EXPECT_EQ(unsigned_image.exit_code, kExitFailure);
  EXPECT_EQ(unsigned_image.err, "confidant enclave inspect: " + Minimal() +
                                    ": signed image: no CNFDSIG1 footer: not a signed enclave "
                                    "image (sign it with `confidant enclave sign`)\n");

  Outcome not_enclave =
      RunCli({"enclave", "sign", "-e", Path("libconfidant_fixture_not_an_enclave.so"), "-c",
              Path("app.conf"), "-k", Path("key.pem")});
  EXPECT_EQ(not_enclave.exit_code, kExitFailure);
  EXPECT_EQ(not_enclave.err,
            "confidant enclave sign: " + Path("libconfidant_fixture_not_an_enclave.so") +
                ": elf: not an enclave image: it exports no "
                "confidant_enclave_ecall_table; build it with "
                "confidant_add_enclave\n");

  Outcome weak_key = RunCli(
      {"enclave", "sign", "-e", Minimal(), "-c", Path("app.conf"), "-k", Path("rsa2048.pem")});
  EXPECT_EQ(weak_key.exit_code, kExitFailure);
  EXPECT_EQ(weak_key.err, "confidant enclave sign: " + Path("rsa2048.pem") +
                              ": sigstruct: signing key is RSA 2048 bits; SGX requires RSA-3072 "
                              "(create one with `openssl genrsa -out private.pem -3 3072`)\n");

  Outcome not_a_key =
      RunCli({"enclave", "sign", "-e", Minimal(), "-c", Path("app.conf"), "-k", Path("app.conf")});
  EXPECT_EQ(not_a_key.exit_code, kExitFailure);
  EXPECT_THAT(not_a_key.err, StartsWith("confidant enclave sign: " + Path("app.conf") + ": "));
  EXPECT_THAT(not_a_key.err, HasSubstr("openssl genrsa -out private.pem -3 3072"));

  ASSERT_TRUE(WriteFile(Path("bad.conf"), AsBytes("NumTCS=99\n")).ok());
  Outcome bad_config = RunCli({"enclave", "measure", "-e", Minimal(), "-c", Path("bad.conf")});
  EXPECT_EQ(bad_config.exit_code, kExitFailure);
  EXPECT_EQ(bad_config.err, "confidant enclave measure: " + Path("bad.conf") +
                                ":1: bad value for 'NumTCS': 99 (must be 1..32)\n");

  Outcome missing = RunCli(
      {"enclave", "sign", "-e", Path("nope.so"), "-c", Path("app.conf"), "-k", Path("key.pem")});
  EXPECT_EQ(missing.exit_code, kExitUsage);
  EXPECT_THAT(missing.err, HasSubstr("nope.so"));
}

TEST_F(EnclaveCommandTest, EverySubcommandHasHelp) {
  for (const char* sub : {"sign", "inspect", "measure"}) {
    Outcome run = RunCli({"enclave", sub, "--help"});
    EXPECT_EQ(run.exit_code, kExitOk) << sub;
    EXPECT_THAT(run.out, HasSubstr(std::string("Usage: confidant enclave ") + sub)) << sub;
  }
  Outcome sign = RunCli({"enclave", "sign", "--help"});
  EXPECT_THAT(sign.out, HasSubstr("openssl genrsa -out private.pem -3 3072"));
  Outcome group = RunCli({"enclave"});
  EXPECT_EQ(group.exit_code, kExitUsage);
  EXPECT_THAT(group.err, HasSubstr("confidant enclave: no subcommand given"));
}

}  // namespace
}  // namespace confidant::cli
