// What the host's ocalls of the end-to-end test saw, for the test to check.

#ifndef CONFIDANT_EDL_E2E_HOST_RECORD_H_
#define CONFIDANT_EDL_E2E_HOST_RECORD_H_

#include <cstdint>
#include <string>
#include <vector>

namespace confidant::edl::e2e {

struct HostRecord {
  std::vector<std::string> events;  // lib_event: "name:code"
  bool album_seen = false;          // ocall_deep's [in] album
  uint64_t album_id = 0;
  uint64_t album_cover_checksum = 0;
  uint8_t album_page0 = 0;  // pages[0].data[1]
};

inline HostRecord& Record() {
  static HostRecord record;
  return record;
}

}  // namespace confidant::edl::e2e

#endif  // CONFIDANT_EDL_E2E_HOST_RECORD_H_
