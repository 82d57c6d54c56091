// Reads what a probe needs from a server certificate with OpenSSL: names, issuer, validity,
// and the verification verdict, so TLS findings can say which certificate failed and why.
#pragma once
#include <string>

#include "net/transport.h"

typedef struct x509_st X509;
typedef struct ssl_ctx_st SSL_CTX;

namespace od {

CertInfo describe_certificate(X509* cert);

// A slot the handshake writes into. It must outlive the connection's handshake, so the
// engine owns slots for its whole lifetime rather than per transfer.
struct CertSlot {
  bool seen = false;
  CertInfo info;
};

// Installs a verify callback on a connection's SSL_CTX that records the leaf certificate and
// the first verification error into `slot`, without changing curl's verdict.
void watch_handshake(SSL_CTX* ctx, CertSlot* slot);

// "certificate has expired" etc. for an X509_V_ERR_* code.
std::string verify_error_text(int code);

}  // namespace od
