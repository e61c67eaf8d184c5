// Enclave .conf parsing: every key, comments and blank lines, defaults, and each error with its
// message and line.

#include "image/enclave_config.h"

#include <gtest/gtest.h>

#include <string>

namespace confidant::image {
namespace {

Status ParseError(std::string_view text) {
  Result<EnclaveConfig> config = ParseEnclaveConfig(text, "app.conf");
  EXPECT_FALSE(config.ok()) << text;
  if (config.ok()) return OkStatus();
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidArgument);
  return config.status();
}

TEST(EnclaveConfigTest, EmptyTextGivesDefaults) {
  Result<EnclaveConfig> config = ParseEnclaveConfig("", "app.conf");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->debug);
  EXPECT_EQ(config->num_heap_pages, 1024u);
  EXPECT_EQ(config->num_stack_pages, 1024u);
  EXPECT_EQ(config->num_tcs, 1u);
  EXPECT_EQ(config->product_id, 0);
  EXPECT_EQ(config->security_version, 0);
  EXPECT_FALSE(config->family_id.has_value());
  EXPECT_FALSE(config->extended_product_id.has_value());
  EXPECT_FALSE(config->kss());
  EXPECT_FALSE(config->capture_pf_gp_exceptions);
  EXPECT_FALSE(config->create_zero_base_enclave);
  EXPECT_FALSE(config->start_address.has_value());
  EXPECT_EQ(*config, EnclaveConfig{});
}

TEST(EnclaveConfigTest, EveryKey) {
  constexpr std::string_view kText =
      "# Enclave settings\n"
      "\n"
      "Debug=1\n"
      "NumHeapPages=2048\n"
      "  NumStackPages = 16  \r\n"
      "\tNumTCS=32\n"
      "ProductID=65535\n"
      "SecurityVersion=7\n"
      "FamilyID=00112233-4455-6677-8899-aabbccddeeff\n"
      "ExtendedProductID=FFEEDDCC-BBAA-9988-7766-554433221100\n"
      "CapturePFGPExceptions=1\n"
      "CreateZeroBaseEnclave=1\n"
      "StartAddress=1048576\n"
      "   # indented comment\n";
  Result<EnclaveConfig> config = ParseEnclaveConfig(kText, "app.conf");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->debug);
  EXPECT_EQ(config->num_heap_pages, 2048u);
  EXPECT_EQ(config->num_stack_pages, 16u);
  EXPECT_EQ(config->num_tcs, 32u);
  EXPECT_EQ(config->product_id, 65535);
  EXPECT_EQ(config->security_version, 7);
  std::array<uint8_t, 16> family = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
  std::array<uint8_t, 16> extended = {0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x99, 0x88,
                                      0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00};
  EXPECT_EQ(config->family_id, family);
  EXPECT_EQ(config->extended_product_id, extended);
  EXPECT_TRUE(config->kss());
  EXPECT_TRUE(config->capture_pf_gp_exceptions);
  EXPECT_TRUE(config->create_zero_base_enclave);
  EXPECT_EQ(config->start_address, 1048576u);
}

TEST(EnclaveConfigTest, LastLineWithoutNewlineAndZeroValues) {
  Result<EnclaveConfig> config =
      ParseEnclaveConfig("Debug=0\nProductID=0\nSecurityVersion=0", "app.conf");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_FALSE(config->debug);
  EXPECT_EQ(config->security_version, 0);
}

TEST(EnclaveConfigTest, KssFromOneKeyAlone) {
  Result<EnclaveConfig> config =
      ParseEnclaveConfig("FamilyID=00000000-0000-0000-0000-000000000001\n", "app.conf");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->kss());
}

struct ErrorCase {
  std::string_view text;
  std::string_view message;
};

TEST(EnclaveConfigTest, ErrorsNameFileLineAndProblem) {
  const ErrorCase kCases[] = {
      {"Debug=1\nNumTCS\n", "app.conf:2: expected Key=Value"},
      {"=1\n", "app.conf:1: missing key before '='"},
      {"Debug=\n", "app.conf:1: missing value for 'Debug'"},
      {"# c\n\nHeapPages=4\n", "app.conf:3: unknown key 'HeapPages'"},
      {"debug=1\n", "app.conf:1: unknown key 'debug'"},
      {"Debug=1\nDebug=1\n", "app.conf:2: duplicate key 'Debug'"},
      {"NumTCS=2\n\n NumTCS = 2\n", "app.conf:3: duplicate key 'NumTCS'"},
      {"Debug=2\n", "app.conf:1: bad value for 'Debug': 2 (must be 0 or 1)"},
      {"Debug=true\n", "app.conf:1: bad value for 'Debug': true (must be 0 or 1)"},
      {"CapturePFGPExceptions=01\n",
       "app.conf:1: bad value for 'CapturePFGPExceptions': 01 (must be 0 or 1)"},
      {"CreateZeroBaseEnclave=-1\n",
       "app.conf:1: bad value for 'CreateZeroBaseEnclave': -1 (must be 0 or 1)"},
      {"NumHeapPages=0\n", "app.conf:1: bad value for 'NumHeapPages': 0 (must be 1..16777216)"},
      {"NumHeapPages=16777217\n",
       "app.conf:1: bad value for 'NumHeapPages': 16777217 (must be 1..16777216)"},
      {"NumStackPages=0\n", "app.conf:1: bad value for 'NumStackPages': 0 (must be 1..16777216)"},
      {"NumTCS=0\n", "app.conf:1: bad value for 'NumTCS': 0 (must be 1..32)"},
      {"NumTCS=33\n", "app.conf:1: bad value for 'NumTCS': 33 (must be 1..32)"},
      {"NumTCS=-1\n", "app.conf:1: bad value for 'NumTCS': -1 (not an unsigned decimal number)"},
      {"NumTCS=+1\n", "app.conf:1: bad value for 'NumTCS': +1 (not an unsigned decimal number)"},
      {"NumTCS=0x10\n",
       "app.conf:1: bad value for 'NumTCS': 0x10 (not an unsigned decimal number)"},
      {"NumTCS=1 2\n", "app.conf:1: bad value for 'NumTCS': 1 2 (not an unsigned decimal number)"},
      {"ProductID=65536\n", "app.conf:1: bad value for 'ProductID': 65536 (must be 0..65535)"},
      {"SecurityVersion=99999999999999999999999\n",
       "app.conf:1: bad value for 'SecurityVersion': 99999999999999999999999 (must be 0..65535)"},
      {"FamilyID=00112233445566778899aabbccddeeff\n",
       "app.conf:1: bad value for 'FamilyID': 00112233445566778899aabbccddeeff (not a UUID "
       "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"},
      {"ExtendedProductID=0011223g-4455-6677-8899-aabbccddeeff\n",
       "app.conf:1: bad value for 'ExtendedProductID': 0011223g-4455-6677-8899-aabbccddeeff (not "
       "a UUID xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"},
      {"CreateZeroBaseEnclave=1\nStartAddress=4097\n",
       "app.conf:2: bad value for 'StartAddress': 4097 (not page-aligned)"},
      {"StartAddress=4096\n", "app.conf: StartAddress requires CreateZeroBaseEnclave=1"},
  };
  for (const ErrorCase& c : kCases) {
    EXPECT_EQ(ParseError(c.text).message(), c.message) << c.text;
  }
}

TEST(EnclaveConfigTest, FirstErrorWins) {
  EXPECT_EQ(ParseError("Debug=1\nNumTCS=0\nBogus=1\n").message(),
            "app.conf:2: bad value for 'NumTCS': 0 (must be 1..32)");
}

}  // namespace
}  // namespace confidant::image
