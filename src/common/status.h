// Status lives in the public headers (include/confidant/status.h): the host and enclave APIs
// return it. Library code includes it through here like the rest of src/common.

#ifndef CONFIDANT_COMMON_STATUS_H_
#define CONFIDANT_COMMON_STATUS_H_

#include "confidant/status.h"

#endif  // CONFIDANT_COMMON_STATUS_H_
