#include "crypto/hash.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "common/encoding.h"

namespace confidant::crypto {
namespace {

// FIPS 180-4 example messages (NIST "Examples with Intermediate Values" for SHA-256/384/512).
constexpr std::string_view kAbc = "abc";
constexpr std::string_view kMsg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kMsg896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopq"
    "rs"
    "mnopqrstnopqrstu";

// SHA-1 serves TPM PCR banks and SHA-1-format event logs only.
TEST(HashTest, Sha1KnownAnswers) {
  EXPECT_EQ(HexEncode(Digest(HashAlgorithm::kSha1, AsBytes(kAbc))),
            "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexEncode(Digest(HashAlgorithm::kSha1, AsBytes(kMsg448))),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(DigestSize(HashAlgorithm::kSha1), 20u);
}

TEST(HashTest, Sha256KnownAnswers) {
  EXPECT_EQ(HexEncode(Sha256(AsBytes(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(Sha256(AsBytes(kAbc))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256(AsBytes(kMsg448))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(HashTest, Sha384KnownAnswers) {
  EXPECT_EQ(HexEncode(Sha384(AsBytes(""))),
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
            "274edebfe76f65fbd51ad2f14898b95b");
  EXPECT_EQ(HexEncode(Sha384(AsBytes(kAbc))),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
            "8086072ba1e7cc2358baeca134c825a7");
  EXPECT_EQ(HexEncode(Sha384(AsBytes(kMsg448))),
            "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
            "b0455a8520bc4e6f5fe95b1fe3c8452b");
  EXPECT_EQ(HexEncode(Sha384(AsBytes(kMsg896))),
            "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
            "fcc7c71a557e2db966c3e9fa91746039");
}

TEST(HashTest, Sha512KnownAnswers) {
  EXPECT_EQ(HexEncode(Sha512(AsBytes(""))),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  EXPECT_EQ(HexEncode(Sha512(AsBytes(kAbc))),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  EXPECT_EQ(HexEncode(Sha512(AsBytes(kMsg448))),
            "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
            "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445");
  EXPECT_EQ(HexEncode(Sha512(AsBytes(kMsg896))),
            "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
            "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
}

TEST(HashTest, DigestDispatchesOnAlgorithm) {
  for (HashAlgorithm alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
    Bytes digest = Digest(alg, AsBytes(kAbc));
    EXPECT_EQ(digest.size(), DigestSize(alg)) << HashAlgorithmName(alg);
  }
  EXPECT_EQ(Digest(HashAlgorithm::kSha256, AsBytes(kAbc)), Sha256(AsBytes(kAbc)));
  EXPECT_EQ(Digest(HashAlgorithm::kSha384, AsBytes(kAbc)), Sha384(AsBytes(kAbc)));
  EXPECT_EQ(Digest(HashAlgorithm::kSha512, AsBytes(kAbc)), Sha512(AsBytes(kAbc)));
}

TEST(HashTest, HasherMatchesOneShotForEverySplit) {
  for (HashAlgorithm alg :
       {HashAlgorithm::kSha256, HashAlgorithm::kSha384, HashAlgorithm::kSha512}) {
    Hasher hasher = Hasher::Create(alg);
    EXPECT_EQ(hasher.algorithm(), alg);
    ByteSpan message = AsBytes(kMsg896);
    for (size_t split = 0; split <= message.size(); split += 7) {
      hasher.Update(message.first(split));
      hasher.Update(message.subspan(split));
      EXPECT_EQ(hasher.Finish(), Digest(alg, message)) << HashAlgorithmName(alg) << " " << split;
    }
  }
}

TEST(HashTest, HasherStartsOverAfterFinish) {
  Hasher hasher = Hasher::Create(HashAlgorithm::kSha256);
  hasher.Update(AsBytes("something else"));
  (void)hasher.Finish();
  EXPECT_EQ(HexEncode(hasher.Finish()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  hasher.Update(AsBytes("ab"));
  hasher.Update(AsBytes("c"));
  EXPECT_EQ(HexEncode(hasher.Finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTest, HasherIsMovable) {
  Hasher a = Hasher::Create(HashAlgorithm::kSha384);
  a.Update(AsBytes("ab"));
  Hasher b = std::move(a);
  b.Update(AsBytes("c"));
  EXPECT_EQ(b.Finish(), Sha384(AsBytes(kAbc)));
  static_assert(!std::is_copy_constructible_v<Hasher>);
}

}  // namespace
}  // namespace confidant::crypto
