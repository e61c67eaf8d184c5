#include "crypto/signature.h"

#include <openssl/ec.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::OpenSslError;
using internal::OpenSslInternal;

using UniqueEcdsaSig = std::unique_ptr<ECDSA_SIG, internal::Deleter<ECDSA_SIG_free>>;

Status RequireEc(KeyType type, std::string_view what) {
  if (type == KeyType::kRsa) {
    return InvalidArgumentError(std::string(what) + ": an RSA key cannot verify ECDSA");
  }
  return OkStatus();
}

// Converts a raw signature of either endianness to DER after checking its size against the key.
Result<Bytes> RawToDerForKey(KeyType type, ByteSpan signature, EcdsaFormat format) {
  size_t field = EcFieldSize(type);
  if (signature.size() != 2 * field) {
    return InvalidArgumentError("ecdsa: raw signature of " + std::to_string(signature.size()) +
                                " bytes for " + std::string(KeyTypeName(type)) + ", expected " +
                                std::to_string(2 * field));
  }
  if (format == EcdsaFormat::kRawLittleEndian) {
    return EcdsaLittleEndianToDer(signature.first(field), signature.last(field));
  }
  return EcdsaRawToDer(signature);
}

Status RefuseSha1(HashAlgorithm hash, std::string_view what) {
  if (hash == HashAlgorithm::kSha1) {
    return InvalidArgumentError(std::string(what) + ": SHA-1 signatures are refused");
  }
  return OkStatus();
}

Status VerifyFailure(std::string_view what) {
  internal::ClearOpenSslErrors();
  return UnauthenticatedError(std::string(what) + ": signature does not verify");
}

// One-shot EVP verification; `configure` adjusts the key context (RSA padding) when non-null.
template <typename Configure>
Status DigestVerify(const PublicKey& key, HashAlgorithm hash, ByteSpan message, ByteSpan signature,
                    std::string_view what, Configure configure) {
  internal::UniqueMdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx ||
      EVP_DigestVerifyInit(ctx.get(), &pctx, internal::Md(hash), nullptr, key.native()) != 1 ||
      !configure(pctx)) {
    return OpenSslInternal(std::string(what) + ": verify setup");
  }
  if (EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                       message.size()) != 1) {
    return VerifyFailure(what);
  }
  return OkStatus();
}

template <typename Configure>
Result<Bytes> DigestSign(const PrivateKey& key, HashAlgorithm hash, ByteSpan message,
                         std::string_view what, Configure configure) {
  internal::UniqueMdCtx ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  size_t size = 0;
  if (!ctx ||
      EVP_DigestSignInit(ctx.get(), &pctx, internal::Md(hash), nullptr, key.native()) != 1 ||
      !configure(pctx) ||
      EVP_DigestSign(ctx.get(), nullptr, &size, message.data(), message.size()) != 1) {
    return OpenSslInternal(std::string(what) + ": sign setup");
  }
  Bytes out(size);
  if (EVP_DigestSign(ctx.get(), out.data(), &size, message.data(), message.size()) != 1) {
    return OpenSslInternal(std::string(what) + ": signing");
  }
  out.resize(size);
  return out;
}

bool NoConfiguration(EVP_PKEY_CTX*) { return true; }

// Sets RSA padding; PSS verification accepts any salt length, signing uses the digest length.
auto RsaConfiguration(RsaPadding padding, bool signing) {
  return [padding, signing](EVP_PKEY_CTX* pctx) {
    if (padding == RsaPadding::kPkcs1v15) {
      return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
    }
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(
               pctx, signing ? RSA_PSS_SALTLEN_DIGEST : RSA_PSS_SALTLEN_AUTO) == 1;
  };
}

Status RequireRsa(KeyType type, std::string_view what) {
  if (type != KeyType::kRsa) {
    return InvalidArgumentError(std::string(what) + ": needs an RSA key, got " +
                                std::string(KeyTypeName(type)));
  }
  return OkStatus();
}

}  // namespace

Result<Bytes> EcdsaRawToDer(ByteSpan raw) {
  if (raw.empty() || raw.size() % 2 != 0) {
    return InvalidArgumentError("ecdsa: raw signature of odd or zero length " +
                                std::to_string(raw.size()));
  }
  size_t half = raw.size() / 2;
  internal::UniqueBn r(BN_bin2bn(raw.data(), static_cast<int>(half), nullptr));
  internal::UniqueBn s(BN_bin2bn(raw.data() + half, static_cast<int>(half), nullptr));
  UniqueEcdsaSig sig(ECDSA_SIG_new());
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1) {
    return OpenSslInternal("ecdsa: raw to DER");
  }
  r.release();  // owned by sig now
  s.release();
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return OpenSslInternal("ecdsa: DER encoding");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

Result<Bytes> EcdsaLittleEndianToDer(ByteSpan r_le, ByteSpan s_le) {
  if (r_le.size() != s_le.size()) {
    return InvalidArgumentError("ecdsa: r and s differ in size");
  }
  Bytes raw = Reversed(r_le);
  Append(raw, Reversed(s_le));
  return EcdsaRawToDer(raw);
}

Result<Bytes> EcdsaDerToRaw(ByteSpan der, size_t component_size) {
  const unsigned char* p = der.data();
  UniqueEcdsaSig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));  // NOLINT
  if (!sig) return OpenSslError(StatusCode::kInvalidArgument, "ecdsa: malformed DER signature");
  if (p != der.data() + der.size()) {
    return InvalidArgumentError("ecdsa: trailing bytes after the DER signature");
  }
  Bytes raw(2 * component_size);
  if (BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), raw.data(), static_cast<int>(component_size)) < 0 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), raw.data() + component_size,
                   static_cast<int>(component_size)) < 0) {
    return InvalidArgumentError("ecdsa: r or s longer than " + std::to_string(component_size) +
                                " bytes");
  }
  return raw;
}

Result<Bytes> EcdsaSign(const PrivateKey& key, HashAlgorithm hash, ByteSpan message,
                        EcdsaFormat format) {
  RETURN_IF_ERROR(RequireEc(key.type(), "ecdsa"));
  RETURN_IF_ERROR(RefuseSha1(hash, "ecdsa"));
  ASSIGN_OR_RETURN(Bytes der, DigestSign(key, hash, message, "ecdsa", NoConfiguration));
  if (format == EcdsaFormat::kDer) return der;
  ASSIGN_OR_RETURN(Bytes raw, EcdsaDerToRaw(der, EcFieldSize(key.type())));
  if (format == EcdsaFormat::kRawLittleEndian) {
    size_t field = EcFieldSize(key.type());
    std::reverse(raw.begin(), raw.begin() + static_cast<ptrdiff_t>(field));
    std::reverse(raw.begin() + static_cast<ptrdiff_t>(field), raw.end());
  }
  return raw;
}

Status EcdsaVerify(const PublicKey& key, HashAlgorithm hash, ByteSpan message, ByteSpan signature,
                   EcdsaFormat format) {
  RETURN_IF_ERROR(RequireEc(key.type(), "ecdsa"));
  RETURN_IF_ERROR(RefuseSha1(hash, "ecdsa"));
  if (format == EcdsaFormat::kDer) {
    return DigestVerify(key, hash, message, signature, "ecdsa", NoConfiguration);
  }
  ASSIGN_OR_RETURN(Bytes der, RawToDerForKey(key.type(), signature, format));
  return DigestVerify(key, hash, message, der, "ecdsa", NoConfiguration);
}

Status EcdsaVerifyDigest(const PublicKey& key, ByteSpan digest, ByteSpan signature,
                         EcdsaFormat format) {
  RETURN_IF_ERROR(RequireEc(key.type(), "ecdsa"));
  Bytes der;
  if (format == EcdsaFormat::kDer) {
    der.assign(signature.begin(), signature.end());
  } else {
    ASSIGN_OR_RETURN(der, RawToDerForKey(key.type(), signature, format));
  }
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.native(), nullptr));
  if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1) return OpenSslInternal("ecdsa: verify setup");
  if (EVP_PKEY_verify(ctx.get(), der.data(), der.size(), digest.data(), digest.size()) != 1) {
    return VerifyFailure("ecdsa");
  }
  return OkStatus();
}

Result<Bytes> RsaSign(const PrivateKey& key, RsaPadding padding, HashAlgorithm hash,
                      ByteSpan message) {
  RETURN_IF_ERROR(RequireRsa(key.type(), "rsa"));
  RETURN_IF_ERROR(RefuseSha1(hash, "rsa"));
  return DigestSign(key, hash, message, "rsa", RsaConfiguration(padding, /*signing=*/true));
}

Status RsaVerify(const PublicKey& key, RsaPadding padding, HashAlgorithm hash, ByteSpan message,
                 ByteSpan signature) {
  RETURN_IF_ERROR(RequireRsa(key.type(), "rsa"));
  RETURN_IF_ERROR(RefuseSha1(hash, "rsa"));
  return DigestVerify(key, hash, message, signature, "rsa",
                      RsaConfiguration(padding, /*signing=*/false));
}

Status RsaVerifySha1ForTpm(const PublicKey& key, RsaPadding padding, ByteSpan message,
                           ByteSpan signature) {
  RETURN_IF_ERROR(RequireRsa(key.type(), "rsa"));
  return DigestVerify(key, HashAlgorithm::kSha1, message, signature, "rsa",
                      RsaConfiguration(padding, /*signing=*/false));
}

namespace {

bool ConfigureOaep(EVP_PKEY_CTX* ctx) {
  return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) == 1 &&
         EVP_PKEY_CTX_set_rsa_oaep_md(ctx, EVP_sha256()) == 1 &&
         EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, EVP_sha256()) == 1;
}

}  // namespace

Result<Bytes> RsaOaepEncrypt(const PublicKey& key, ByteSpan plaintext) {
  RETURN_IF_ERROR(RequireRsa(key.type(), "rsa-oaep"));
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.native(), nullptr));
  size_t size = 0;
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 || !ConfigureOaep(ctx.get()) ||
      EVP_PKEY_encrypt(ctx.get(), nullptr, &size, plaintext.data(), plaintext.size()) != 1) {
    return OpenSslInternal("rsa-oaep: setup");
  }
  Bytes out(size);
  if (EVP_PKEY_encrypt(ctx.get(), out.data(), &size, plaintext.data(), plaintext.size()) != 1) {
    return OpenSslError(StatusCode::kInvalidArgument, "rsa-oaep: plaintext of " +
                                                          std::to_string(plaintext.size()) +
                                                          " bytes is too long for the key");
  }
  out.resize(size);
  return out;
}

Result<SecretBytes> RsaOaepDecrypt(const PrivateKey& key, ByteSpan ciphertext) {
  RETURN_IF_ERROR(RequireRsa(key.type(), "rsa-oaep"));
  internal::UniquePkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key.native(), nullptr));
  size_t size = 0;
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1 || !ConfigureOaep(ctx.get()) ||
      EVP_PKEY_decrypt(ctx.get(), nullptr, &size, ciphertext.data(), ciphertext.size()) != 1) {
    internal::ClearOpenSslErrors();
    return DataLossError("rsa-oaep: decryption failed");
  }
  SecretBytes out(size);
  if (EVP_PKEY_decrypt(ctx.get(), out.data(), &size, ciphertext.data(), ciphertext.size()) != 1) {
    internal::ClearOpenSslErrors();
    return DataLossError("rsa-oaep: decryption failed");
  }
  out.resize(size);
  return out;
}

}  // namespace confidant::crypto
