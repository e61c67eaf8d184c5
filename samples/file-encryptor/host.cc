// The host half of file-encryptor:
//
//   file_encryptor_host encrypt|decrypt <enclave.signed> <input> <output>
//
// The password is read from $FILE_ENCRYPTOR_PASSWORD, else from the first line of standard
// input. The host only moves bytes: the keys stay in the enclave. The output is written to a
// temporary file and renamed into place, so a failure (a wrong password, a tampered or truncated
// file) leaves no partial output.

#include <stdio.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "file_encryptor_u.h"
#include "format.h"

namespace {

using namespace file_encryptor;

const char* Explain(int result) {
  switch (result) {
    case kBadArgument:
      return "not a file-encryptor file, or a bad argument";
    case kWrongPasswordOrCorrupt:
      return "wrong password, or the file was modified";
    case kNotStarted:
      return "no encryption or decryption started";
    case kCryptoFailure:
      return "the enclave's cryptography failed";
    case kTruncated:
      return "the file is truncated: its last block is missing";
    default:
      return "unknown result";
  }
}

int Fail(const std::string& what) {
  std::cerr << "file-encryptor: " << what << "\n";
  return 1;
}

// Runs an ecall returning a Result: transport errors and the enclave's result both end here.
bool Check(const confidant::Status& status, int result, std::string& error) {
  if (!status.ok()) {
    error = status.ToString();
    return false;
  }
  if (result != kOk) {
    error = Explain(result);
    return false;
  }
  return true;
}

bool ReadUpTo(std::istream& in, std::vector<uint8_t>& buffer, size_t size) {
  buffer.resize(size);
  in.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(size));
  buffer.resize(static_cast<size_t>(in.gcount()));
  return !in.bad();
}

bool Run(confidant::Enclave* enclave, bool encrypt, const std::string& password, std::istream& in,
         std::ostream& out, std::string& error) {
  int result = 0;
  if (encrypt) {
    std::vector<uint8_t> header(kHeaderSize);
    if (!Check(start_encryption(enclave, &result, password.data(), password.size(), header.data(),
                                header.size()),
               result, error)) {
      return false;
    }
    out.write(reinterpret_cast<const char*>(header.data()), header.size());
  } else {
    std::vector<uint8_t> header;
    if (!ReadUpTo(in, header, kHeaderSize) || header.size() != kHeaderSize) {
      error = "the file is shorter than a file-encryptor header";
      return false;
    }
    if (!Check(start_decryption(enclave, &result, password.data(), password.size(), header.data(),
                                header.size()),
               result, error)) {
      return false;
    }
  }
  const size_t chunk = encrypt ? kBlockSize : kBlockSize + kTagSize;
  std::vector<uint8_t> current, next, output;
  if (!ReadUpTo(in, current, chunk)) {
    error = "read error";
    return false;
  }
  for (;;) {
    if (!ReadUpTo(in, next, chunk)) {
      error = "read error";
      return false;
    }
    const int last = next.empty() ? 1 : 0;
    if (!encrypt && current.size() < kTagSize) {
      error = Explain(current.empty() ? kTruncated : kWrongPasswordOrCorrupt);
      return false;
    }
    output.assign(encrypt ? current.size() + kTagSize : current.size() - kTagSize, 0);
    if (!Check(process_block(enclave, &result, current.data(), current.size(), output.data(),
                             output.size(), last),
               result, error)) {
      return false;
    }
    out.write(reinterpret_cast<const char*>(output.data()), output.size());
    if (last) break;
    current.swap(next);
  }
  return Check(finish(enclave, &result), result, error);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 || (std::string(argv[1]) != "encrypt" && std::string(argv[1]) != "decrypt")) {
    std::cerr << "usage: " << argv[0] << " encrypt|decrypt <enclave.signed> <input> <output>\n"
              << "The password comes from $FILE_ENCRYPTOR_PASSWORD or the first line of stdin.\n";
    return 2;
  }
  const bool encrypt = std::string(argv[1]) == "encrypt";
  std::string password;
  if (const char* env = std::getenv("FILE_ENCRYPTOR_PASSWORD")) {
    password = env;
  } else {
    std::getline(std::cin, password);
  }
  if (password.empty()) return Fail("no password given");
  std::ifstream in(argv[3], std::ios::binary);
  if (!in) return Fail(std::string("cannot read ") + argv[3]);
  const std::string output = argv[4];
  const std::string temporary = output + ".partial";
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out) return Fail("cannot write " + temporary);

  std::unique_ptr<confidant::Enclave> enclave;
  confidant::Status status = confidant_create_file_encryptor_enclave(argv[2], {}, &enclave);
  if (!status.ok()) return Fail(status.ToString());
  std::string error;
  bool ok = Run(enclave.get(), encrypt, password, in, out, error);
  out.close();
  if (!ok || !out) {
    std::remove(temporary.c_str());
    return Fail((encrypt ? "encrypting " : "decrypting ") + std::string(argv[3]) + ": " +
                (error.empty() ? "write error" : error));
  }
  if (std::rename(temporary.c_str(), output.c_str()) != 0) return Fail("cannot write " + output);
  std::cout << (encrypt ? "encrypted " : "decrypted ") << argv[3] << " -> " << output << "\n";
  return 0;
}
