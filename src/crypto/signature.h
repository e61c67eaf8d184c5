// Digital signatures and RSA encryption: ECDSA (P-256, P-384), RSA PKCS#1 v1.5 / PSS, RSA-OAEP.
//
// ECDSA signatures come in the encodings attestation formats use: DER (X.509, TPM via conversion),
// raw r||s big-endian (SGX quotes, JWS ES256/ES384) and raw r||s with each component
// little-endian (SEV-SNP reports). Everything verified is untrusted input.
//
// Errors: Unauthenticated when a well-formed signature does not verify; InvalidArgument for a
// malformed signature, a size that does not fit the key, or a key of the wrong type; DataLoss when
// OAEP decryption fails (without saying which check failed). Thread-safe: keys are immutable.

#ifndef CONFIDANT_CRYPTO_SIGNATURE_H_
#define CONFIDANT_CRYPTO_SIGNATURE_H_

#include <cstddef>

#include "common/bytes.h"
#include "common/result.h"
#include "crypto/hash_algorithm.h"
#include "crypto/key.h"
#include "crypto/secret_bytes.h"

namespace confidant::crypto {

enum class EcdsaFormat {
  kDer,              // ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }
  kRawBigEndian,     // r || s, each big-endian and padded to the field size
  kRawLittleEndian,  // r || s, each little-endian and padded to the field size
};

// Signs `message` hashed with `hash`. The raw formats produce 2 * field-size bytes.
Result<Bytes> EcdsaSign(const PrivateKey& key, HashAlgorithm hash, ByteSpan message,
                        EcdsaFormat format);
Status EcdsaVerify(const PublicKey& key, HashAlgorithm hash, ByteSpan message, ByteSpan signature,
                   EcdsaFormat format);
// Verifies over a digest computed by the caller (any length the curve accepts).
Status EcdsaVerifyDigest(const PublicKey& key, ByteSpan digest, ByteSpan signature,
                         EcdsaFormat format);

// Encoding conversions. Raw input is r || s with equal halves.
Result<Bytes> EcdsaRawToDer(ByteSpan raw);
// `component_size` is the size of each of r and s in the output (32 for P-256, 48 for P-384).
Result<Bytes> EcdsaDerToRaw(ByteSpan der, size_t component_size);
// r and s little-endian, any length (SEV-SNP stores them zero-extended to 72 bytes).
Result<Bytes> EcdsaLittleEndianToDer(ByteSpan r_le, ByteSpan s_le);

enum class RsaPadding {
  kPkcs1v15,
  kPss,  // MGF1 with the signature's hash; signing uses salt = digest length, verifying any salt
};

Result<Bytes> RsaSign(const PrivateKey& key, RsaPadding padding, HashAlgorithm hash,
                      ByteSpan message);
Status RsaVerify(const PublicKey& key, RsaPadding padding, HashAlgorithm hash, ByteSpan message,
                 ByteSpan signature);

// RSA verification over SHA-1, which RsaVerify refuses. It exists for one case: TPM attestation
// keys created with a fixed RSASSA/SHA-1 scheme (older vTPMs, e.g. GCP Shielded VMs) sign their
// quotes that way. Only the TPM verifier calls it, and only when its caller opted in.
Status RsaVerifySha1ForTpm(const PublicKey& key, RsaPadding padding, ByteSpan message,
                           ByteSpan signature);

// RSA-OAEP with SHA-256 and MGF1-SHA-256, empty label.
Result<Bytes> RsaOaepEncrypt(const PublicKey& key, ByteSpan plaintext);
Result<SecretBytes> RsaOaepDecrypt(const PrivateKey& key, ByteSpan ciphertext);

}  // namespace confidant::crypto

#endif  // CONFIDANT_CRYPTO_SIGNATURE_H_
