#pragma once
#include "platforms/platform.h"

namespace od {
const Platform& outsystems_platform();
const Platform& posit_connect_platform();
const Platform& generic_platform();
}  // namespace od
