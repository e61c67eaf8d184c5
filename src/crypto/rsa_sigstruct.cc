#include "crypto/rsa_sigstruct.h"

#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

using internal::UniqueBn;

Result<UniqueBn> FromBigEndian(ByteSpan be, std::string_view what) {
  UniqueBn bn(BN_bin2bn(be.data(), static_cast<int>(be.size()), nullptr));
  if (!bn)
    return internal::OpenSslInternal(std::string("sigstruct quotients: ") + std::string(what));
  return bn;
}

Result<Bytes> ToBigEndian(const BIGNUM* bn, size_t size) {
  Bytes out(size);
  if (BN_bn2binpad(bn, out.data(), static_cast<int>(out.size())) < 0) {
    return internal::OpenSslInternal("sigstruct quotients: quotient wider than the modulus");
  }
  return out;
}

}  // namespace

Result<std::pair<Bytes, Bytes>> RsaSigstructQuotients(ByteSpan modulus_be, ByteSpan signature_be) {
  if (modulus_be.empty() || modulus_be.size() > 2048) {
    return InvalidArgumentError("sigstruct quotients: modulus of " +
                                std::to_string(modulus_be.size()) + " bytes");
  }
  ASSIGN_OR_RETURN(UniqueBn m, FromBigEndian(modulus_be, "modulus"));
  ASSIGN_OR_RETURN(UniqueBn s, FromBigEndian(signature_be, "signature"));
  if (BN_is_zero(m.get()) || !BN_is_odd(m.get())) {
    return InvalidArgumentError("sigstruct quotients: modulus is zero or even");
  }
  if (BN_cmp(s.get(), m.get()) >= 0) {
    return InvalidArgumentError("sigstruct quotients: signature is not below the modulus");
  }
  internal::UniqueBnCtx ctx(BN_CTX_new());
  UniqueBn s2(BN_new()), q1(BN_new()), r1(BN_new()), s3(BN_new()), t(BN_new()), q2(BN_new()),
      r2(BN_new());
  if (!ctx || !s2 || !q1 || !r1 || !s3 || !t || !q2 || !r2 ||
      BN_sqr(s2.get(), s.get(), ctx.get()) != 1 ||
      BN_div(q1.get(), r1.get(), s2.get(), m.get(), ctx.get()) != 1 ||
      // S^3 - Q1*S*M = S * (S^2 - Q1*M) = S * r1.
      BN_mul(s3.get(), s2.get(), s.get(), ctx.get()) != 1 ||
      BN_mul(t.get(), q1.get(), s.get(), ctx.get()) != 1 ||
      BN_mul(t.get(), t.get(), m.get(), ctx.get()) != 1 ||
      BN_sub(s3.get(), s3.get(), t.get()) != 1 ||
      BN_div(q2.get(), r2.get(), s3.get(), m.get(), ctx.get()) != 1) {
    return internal::OpenSslInternal("sigstruct quotients");
  }
  ASSIGN_OR_RETURN(Bytes q1_be, ToBigEndian(q1.get(), modulus_be.size()));
  ASSIGN_OR_RETURN(Bytes q2_be, ToBigEndian(q2.get(), modulus_be.size()));
  return std::make_pair(std::move(q1_be), std::move(q2_be));
}

}  // namespace confidant::crypto
