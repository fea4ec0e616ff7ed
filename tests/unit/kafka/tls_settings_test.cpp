#include "../temp_dir.hpp"
#include "kafka/tls_settings.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace specmesh::kafka {
namespace {

const std::string k_data = std::string(SPECMESH_TEST_DATA) + "/tls/";

std::string message_of(const Result<void>& result) {
  return result ? std::string() : result.error().message;
}

TEST(CheckTlsFilesTest, AcceptsReadableFilesAValidCertificateAndTheCaDirectoryOrProbe) {
  EXPECT_TRUE(check_tls_files({{"ssl.ca.location", k_data + "long-valid.pem"},
                               {"ssl.certificate.location", k_data + "long-valid.pem"}}));
  EXPECT_TRUE(check_tls_files({{"ssl.ca.location", k_data}}));
  EXPECT_TRUE(check_tls_files({{"ssl.ca.location", "probe"}}));
  EXPECT_TRUE(check_tls_files({{"security.protocol", "SSL"}, {"sasl.password", "/nope"}}));
}

TEST(CheckTlsFilesTest, NamesTheSettingOfAMissingFile) {
  for (const char* key : {"ssl.ca.location",
                          "ssl.certificate.location",
                          "ssl.key.location",
                          "ssl.crl.location",
                          "ssl.keystore.location"}) {
    EXPECT_EQ(message_of(check_tls_files({{key, "/no/such.pem"}})),
              std::string("kafka property '") + key
                  + "': cannot read '/no/such.pem' (No such file or directory)");
  }
  EXPECT_EQ(message_of(check_tls_files({{"ssl.key.location", k_data}})),
            "kafka property 'ssl.key.location': '" + k_data + "' is a directory, not a file");
}

TEST(CheckTlsFilesTest, RefusesAnExpiredClientCertificateWithItsDate) {
  EXPECT_EQ(message_of(check_tls_files({{"ssl.certificate.location", k_data + "expired.pem"}})),
            "kafka property 'ssl.certificate.location': the certificate in '" + k_data
                + "expired.pem' expired on 2026-11-30 22:38:01 UTC");
  std::ifstream in(k_data + "expired.pem");
  const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(message_of(check_tls_files({{"ssl.certificate.pem", pem}})),
            "kafka property 'ssl.certificate.pem': the certificate in its value expired on "
            "2026-11-30 22:38:01 UTC");
}

TEST(CheckTlsFilesTest, RefusesACertificateFileWithoutACertificate) {
  const unit::TempDir dir;
  const std::string file = dir.write("empty.pem", "not a certificate\n");
  EXPECT_EQ(message_of(check_tls_files({{"ssl.certificate.location", file}})),
            "kafka property 'ssl.certificate.location': '" + file + "' holds no PEM certificate");
}

TEST(TlsSettingFailureTest, KeepsTheSettingAndOpenSslsReason) {
  EXPECT_EQ(tls_setting_failure("ssl.ca.location failed: error:05880002:x509 certificate "
                                "routines::system lib"),
            "kafka property 'ssl.ca.location': system lib");
  EXPECT_EQ(tls_setting_failure("ssl.key.location failed: error:05800074:x509 certificate "
                                "routines::key values mismatch"),
            "kafka property 'ssl.key.location': the key does not belong to the certificate in "
            "ssl.certificate.location");
  EXPECT_EQ(tls_setting_failure("Invalid sasl.kerberos.kinit.cmd value"), std::nullopt);
}

TEST(TlsHandshakeFailureTest, ExplainsEachKindOfHandshakeFailure) {
  const auto why = [](std::string_view reason) {
    return tls_handshake_failure(reason).value_or("<none>");
  };
  EXPECT_EQ(why("127.0.0.1:19096/bootstrap: SSL handshake failed: error:0A000086:SSL "
                "routines::certificate verify failed: broker certificate could not be verified"),
            "TLS handshake failed: the broker's certificate is not signed by a trusted CA; set "
            "ssl.ca.location to the CA that signed it");
  EXPECT_NE(why("SSL handshake failed: certificate verify failed: certificate has expired")
                .find("has expired"),
            std::string::npos);
  EXPECT_NE(why("certificate verify failed: Hostname mismatch").find("does not name this host"),
            std::string::npos);
  EXPECT_NE(why("Receive failed: error:0A000412:SSL routines::sslv3 alert bad certificate: SSL "
                "alert number 42")
                .find("the broker refused the client certificate (TLS alert bad certificate)"),
            std::string::npos);
  EXPECT_NE(why("SSL routines::wrong version number").find("does not speak TLS"),
            std::string::npos);
  EXPECT_NE(why("SSL handshake failed: Disconnected: connecting to a PLAINTEXT broker listener?")
                .find("does not speak TLS"),
            std::string::npos);
  EXPECT_EQ(tls_handshake_failure("Connect to ipv4#127.0.0.1:1 failed: Connection refused"),
            std::nullopt);
}

} // namespace
} // namespace specmesh::kafka
