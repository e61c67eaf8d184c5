#include "crypto/chain.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <string>

#include "crypto/openssl_util.h"

namespace confidant::crypto {
namespace {

// Stacks that borrow their elements: the Certificate and Crl objects own them.
struct BorrowedX509Stack {
  void operator()(STACK_OF(X509) * s) const { sk_X509_free(s); }
};
struct BorrowedCrlStack {
  void operator()(STACK_OF(X509_CRL) * s) const { sk_X509_CRL_free(s); }
};

std::string DescribeSubject(X509* cert) {
  if (cert == nullptr) return "unknown certificate";
  X509_up_ref(cert);
  return Certificate::FromNative(std::shared_ptr<X509>(cert, X509_free)).subject();
}

}  // namespace

Result<std::vector<Certificate>> VerifyChain(const Certificate& leaf,
                                             std::span<const Certificate> intermediates,
                                             std::span<const Certificate> trust_anchors,
                                             std::span<const Crl> crls, int64_t at_unix_seconds,
                                             const ChainOptions& options) {
  if (trust_anchors.empty()) return InvalidArgumentError("chain: no trust anchor given");
  internal::UniqueX509Store store(X509_STORE_new());
  std::unique_ptr<STACK_OF(X509), BorrowedX509Stack> untrusted(sk_X509_new_null());
  std::unique_ptr<STACK_OF(X509_CRL), BorrowedCrlStack> crl_stack(sk_X509_CRL_new_null());
  internal::UniqueX509StoreCtx ctx(X509_STORE_CTX_new());
  if (!store || !untrusted || !crl_stack || !ctx) return internal::OpenSslInternal("chain: alloc");

  for (const Certificate& anchor : trust_anchors) {
    if (X509_STORE_add_cert(store.get(), anchor.native()) != 1) {
      internal::ClearOpenSslErrors();  // duplicate anchors are harmless
    }
  }
  for (const Certificate& cert : intermediates) sk_X509_push(untrusted.get(), cert.native());
  for (const Crl& crl : crls) sk_X509_CRL_push(crl_stack.get(), crl.native());

  if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf.native(), untrusted.get()) != 1) {
    return internal::OpenSslInternal("chain: X509_STORE_CTX_init");
  }
  X509_STORE_CTX_set0_crls(ctx.get(), crl_stack.get());
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(at_unix_seconds));
  // CHECK_SS_SIGNATURE: a trust anchor's own signature must verify too, so a root copy with the
  // right key but a broken self-signature is refused (shared/vectors README, root mutation case).
  unsigned long flags =  // NOLINT(google-runtime-int)
      X509_V_FLAG_USE_CHECK_TIME | X509_V_FLAG_CHECK_SS_SIGNATURE;
  if (options.require_crls) flags |= X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL;
  X509_VERIFY_PARAM_set_flags(param, flags);

  if (X509_verify_cert(ctx.get()) != 1) {
    int error = X509_STORE_CTX_get_error(ctx.get());
    int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    std::string subject = DescribeSubject(X509_STORE_CTX_get_current_cert(ctx.get()));
    internal::ClearOpenSslErrors();
    return UnauthenticatedError(std::string("chain: ") + X509_verify_cert_error_string(error) +
                                " at depth " + std::to_string(depth) + " (" + subject + ")");
  }
  // Revocation is checked above only when required; CRLs given without the requirement are
  // still honoured for every certificate they cover.
  if (!options.require_crls) {
    STACK_OF(X509)* path = X509_STORE_CTX_get0_chain(ctx.get());
    for (int i = 0; i + 1 < sk_X509_num(path); ++i) {
      X509* cert = sk_X509_value(path, i);
      X509* issuer = sk_X509_value(path, i + 1);
      for (const Crl& crl : crls) {
        X509_REVOKED* entry = nullptr;
        if (X509_NAME_cmp(X509_CRL_get_issuer(crl.native()), X509_get_subject_name(issuer)) == 0 &&
            X509_CRL_verify(crl.native(), X509_get0_pubkey(issuer)) == 1 &&
            X509_CRL_get0_by_cert(crl.native(), &entry, cert) == 1) {
          return UnauthenticatedError("chain: certificate revoked at depth " + std::to_string(i) +
                                      " (" + DescribeSubject(cert) + ")");
        }
        internal::ClearOpenSslErrors();
      }
    }
  }

  std::vector<Certificate> verified;
  STACK_OF(X509)* path = X509_STORE_CTX_get0_chain(ctx.get());
  for (int i = 0; i < sk_X509_num(path); ++i) {
    X509* cert = sk_X509_value(path, i);
    X509_up_ref(cert);
    verified.push_back(Certificate::FromNative(std::shared_ptr<X509>(cert, X509_free)));
  }
  return verified;
}

bool SamePublicKey(const Certificate& cert, const PublicKey& key) {
  EVP_PKEY* cert_key = X509_get0_pubkey(cert.native());
  return cert_key != nullptr && EVP_PKEY_eq(cert_key, key.native()) == 1;
}

}  // namespace confidant::crypto
