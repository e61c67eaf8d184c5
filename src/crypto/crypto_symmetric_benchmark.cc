// Throughput of the symmetric wrappers, each beside the bare OpenSSL EVP loop of
// evp_reference_loops.h, so the wrappers' overhead can be read off directly (the target is under
// 5% at 4 KiB). `confidant bench crypto` reports the same comparison for users.
//
// BM_AesGcmSeal seals under one fixed IV: fine for timing, never acceptable for real data.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "common/bytes.h"
#include "crypto/aes_gcm.h"
#include "crypto/aes_xts.h"
#include "crypto/evp_reference_loops.h"
#include "crypto/hash.h"

namespace confidant::crypto {
namespace {

constexpr int64_t k4KiB = 4096;
constexpr int64_t k1MiB = 1 << 20;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "benchmark setup failed: %s\n", what);
    std::abort();
  }
}

void BM_AesGcmSeal(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  Result<AesGcm> gcm = AesGcm::Create(Bytes(32, 0x01));
  Check(gcm.ok(), "AesGcm::Create");
  const Bytes iv = Bytes(AesGcm::kIvSize, 0x02);
  const Bytes plaintext = Bytes(size, 0x03);
  Bytes ciphertext(size), tag(AesGcm::kTagSize);
  for (auto _ : state) {
    Status status = gcm->Seal(iv, {}, plaintext, ciphertext, tag);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(tag.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AesGcmSeal)->Arg(k4KiB)->Arg(k1MiB);

// The same work through the bare EVP loop `confidant bench crypto` uses as its floor.
void BM_RawEvpAesGcmSeal(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  Result<EvpAesGcmSealLoop> loop = EvpAesGcmSealLoop::Create(Bytes(32, 0x01));
  Check(loop.ok(), "EvpAesGcmSealLoop::Create");
  const Bytes plaintext = Bytes(size, 0x03);
  Bytes ciphertext(size), tag(AesGcm::kTagSize);
  for (auto _ : state) {
    Status status = loop->Run(plaintext, ciphertext, tag, 1);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(tag.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RawEvpAesGcmSeal)->Arg(k4KiB)->Arg(k1MiB);

// A LUKS2 sector (AES-256-XTS, 4 KiB, plain64 tweak).
void BM_AesXtsEncrypt(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  Bytes key = Bytes(64, 0x01);
  key[63] = 0x02;  // the two halves must differ
  Result<AesXts> xts = AesXts::Create(key);
  Check(xts.ok(), "AesXts::Create");
  const Bytes plaintext = Bytes(size, 0x03);
  Bytes ciphertext(size);
  uint64_t sector = 0;
  for (auto _ : state) {
    Status status = xts->Encrypt(AesXts::Plain64Tweak(sector++), plaintext, ciphertext);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(ciphertext.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AesXtsEncrypt)->Arg(k4KiB);

void BM_RawEvpAesXtsEncrypt(benchmark::State& state) {
  const size_t size = static_cast<size_t>(state.range(0));
  Bytes key = Bytes(64, 0x01);
  key[63] = 0x02;
  Result<EvpAesXtsEncryptLoop> loop = EvpAesXtsEncryptLoop::Create(key);
  Check(loop.ok(), "EvpAesXtsEncryptLoop::Create");
  const Bytes plaintext = Bytes(size, 0x03);
  Bytes ciphertext(size);
  uint64_t sector = 0;
  for (auto _ : state) {
    Status status = loop->Run(AesXts::Plain64Tweak(sector++), plaintext, ciphertext, 1);
    benchmark::DoNotOptimize(status);
    benchmark::DoNotOptimize(ciphertext.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RawEvpAesXtsEncrypt)->Arg(k4KiB);

void BM_Sha256(benchmark::State& state) {
  const Bytes data = Bytes(static_cast<size_t>(state.range(0)), 0x03);
  for (auto _ : state) {
    Bytes digest = Sha256(data);
    benchmark::DoNotOptimize(digest.data());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Sha256)->Arg(k4KiB);

}  // namespace
}  // namespace confidant::crypto
