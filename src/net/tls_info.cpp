#include "net/tls_info.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <cstdio>
#include <ctime>

namespace od {

namespace {

std::string name_text(const X509_NAME* name) {
  if (!name) return "";
  BIO* bio = BIO_new(BIO_s_mem());
  if (!bio) return "";
  X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data ? data : "", n > 0 ? static_cast<size_t>(n) : 0);
  BIO_free(bio);
  return out;
}

std::string time_text(const ASN1_TIME* t, long long* epoch) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "";
  if (epoch) *epoch = static_cast<long long>(timegm(&tm));
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::vector<std::string> alt_names(X509* cert) {
  std::vector<std::string> out;
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names) && out.size() < 20; ++i) {
    const GENERAL_NAME* g = sk_GENERAL_NAME_value(names, i);
    if (g->type == GEN_DNS) {
      const ASN1_STRING* s = g->d.dNSName;
      out.push_back("DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                                         static_cast<size_t>(ASN1_STRING_length(s))));
    } else if (g->type == GEN_IPADD) {
      const ASN1_OCTET_STRING* ip = g->d.iPAddress;
      char buf[INET6_ADDRSTRLEN] = {};
      int len = ASN1_STRING_length(ip);
      const unsigned char* p = ASN1_STRING_get0_data(ip);
      if (len == 4)
        inet_ntop(AF_INET, p, buf, sizeof buf);
      else if (len == 16)
        inet_ntop(AF_INET6, p, buf, sizeof buf);
      if (buf[0]) out.push_back(std::string("IP:") + buf);
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

int slot_index() {
  static const int idx = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return idx;
}

int verify_callback(int ok, X509_STORE_CTX* store) {
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (!ssl) return ok;
  auto* slot = static_cast<CertSlot*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), slot_index()));
  if (!slot) return ok;
  if (!slot->seen) {
    if (X509* leaf = X509_STORE_CTX_get0_cert(store)) {
      slot->info = describe_certificate(leaf);
      slot->seen = true;
    }
  }
  if (!ok && slot->info.verify_error == 0) {
    slot->info.verify_error = X509_STORE_CTX_get_error(store);
    slot->info.verify_message = verify_error_text(slot->info.verify_error);
  }
  return ok;  // curl keeps its own decision
}

}  // namespace

CertInfo describe_certificate(X509* cert) {
  CertInfo c;
  if (!cert) return c;
  c.subject = name_text(X509_get_subject_name(cert));
  c.issuer = name_text(X509_get_issuer_name(cert));
  c.not_before = time_text(X509_get0_notBefore(cert), nullptr);
  c.not_after = time_text(X509_get0_notAfter(cert), &c.not_after_epoch);
  c.names = alt_names(cert);
  return c;
}

void watch_handshake(SSL_CTX* ctx, CertSlot* slot) {
  SSL_CTX_set_ex_data(ctx, slot_index(), slot);
  SSL_CTX_set_verify(ctx, SSL_CTX_get_verify_mode(ctx), verify_callback);
}

std::string verify_error_text(int code) {
  const char* s = X509_verify_cert_error_string(code);
  return s ? s : "certificate verification failed";
}

}  // namespace od
