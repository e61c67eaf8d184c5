#include "run_confidant.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

namespace confidant::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

Outcome RunConfidant(const std::string& args, const std::string& env) {
  char err_path[] = "/tmp/confidant_e2e_stderr_XXXXXX";
  int fd = mkstemp(err_path);
  if (fd < 0) return {};
  close(fd);
  const std::string command =
      env + (env.empty() ? "" : " ") + CONFIDANT_BINARY + " " + args + " 2>" + err_path;
  Outcome outcome;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe != nullptr) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) outcome.out.append(buf, n);
    int status = pclose(pipe);
    if (status != -1 && WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  }
  outcome.err = ReadFile(err_path);
  unlink(err_path);
  return outcome;
}

}  // namespace confidant::testing
