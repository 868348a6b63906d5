#!/usr/bin/env python3
# Prints the golden values of tests/OssNet.Sdk.Tests/Sampling/BorderMapScipyFixture.cs: a small random mask, its
# Sobel gradient magnitude as scipy computes it (generic_gradient_magnitude + sobel, mode 'reflect') and the border
# band after a k³ max filter (= max_pool3d with stride 1 and padding (k-1)/2). Needs numpy and scipy
# (Debian: apt-get install python3-scipy). Run: /usr/bin/python3 scripts/generate-border-fixture.py
import numpy as np
from scipy.ndimage import generic_gradient_magnitude, maximum_filter, sobel

shape = (6, 7, 8)
rng = np.random.default_rng(20211021)
mask = rng.random(shape) < 0.3
mask[1:5, 2:6, 2:7] = True  # a solid block so the band has an inside and an outside

# The reference passes a *boolean* array: scipy then computes in uint8 with wrap-around. |Sobel| <= 16 < 256, so the
# non-zero set equals that of the float computation, which is what the float gradient below is compared with.
float_gradient = generic_gradient_magnitude(mask.astype(np.float64), sobel)
bool_gradient = generic_gradient_magnitude(mask, sobel)
assert np.array_equal(float_gradient != 0, bool_gradient != 0)
squared = np.rint(float_gradient ** 2).astype(int)  # sums of squares of integers: exact

def band(k):
    return (maximum_filter(float_gradient.astype(np.float32), size=k, mode="constant", cval=0.0) > 0).astype(int)

flat = lambda a: "".join(str(int(v)) for v in a.ravel(order="C"))  # C order of [X, Y, Z]: z fastest, as the SDK
print(f"Shape = ({shape[0]}, {shape[1]}, {shape[2]})")
print(f'Mask = "{flat(mask)}"')
print("SquaredMagnitude = [" + ", ".join(str(v) for v in squared.ravel(order="C")) + "]")
print(f'Band3 = "{flat(band(3))}"')
print(f'Band5 = "{flat(band(5))}"')
