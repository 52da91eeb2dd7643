#include "preprocess.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "test_images.hpp"

namespace precinct::digitize {
namespace {

using test_images::TextLikePage;

TEST(PreparePage, FindsBlankPagesDespiteScannerSpecks) {
    PixPtr page(pixCreate(1240, 1754, 8));
    pixSetAllArbitrary(page.get(), 250);
    pixSetResolution(page.get(), 150, 150);
    for (int i = 0; i < 200; ++i) pixSetPixel(page.get(), (i * 37) % 1240, (i * 91) % 1754, 0);  // dust
    auto blank = PreparePage(*page);
    ASSERT_TRUE(blank);
    EXPECT_TRUE(blank->blank);
    EXPECT_TRUE(blank->display);

    PixPtr text = TextLikePage(1240, 1754, 20);
    auto full = PreparePage(*text);
    ASSERT_TRUE(full);
    EXPECT_FALSE(full->blank);
    ASSERT_TRUE(full->ocr);
    EXPECT_EQ(pixGetDepth(full->display.get()), 8);
}

TEST(PreparePage, CorrectsSkew) {
    PixPtr text = TextLikePage(1240, 1754, 24);
    PixPtr skewed(pixRotate(text.get(), 2.0F * 3.14159265F / 180.0F, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
    auto prepared = PreparePage(*skewed);
    ASSERT_TRUE(prepared);
    EXPECT_NEAR(std::abs(prepared->skew_deg), 2.0, 0.3);
}

TEST(PreparePage, StretchesFaintScansAndBinarizesUnevenOnes) {
    PixPtr text = TextLikePage(1240, 1754, 20);
    // Faint: ink at 150 on paper at 215.
    PixPtr faint(pixCopy(nullptr, text.get()));
    pixGammaTRC(faint.get(), faint.get(), 1.0F, -150 * 255 / 65, 255 + 40 * 255 / 65);
    auto stretched = PreparePage(*faint);
    ASSERT_TRUE(stretched);
    EXPECT_TRUE(stretched->stretched);
    EXPECT_LT(stretched->paper_level - stretched->ink_level, 140);

    // Uneven: the paper darkens from 250 at the top to 150 at the bottom, as a photocopy's shading.
    PixPtr uneven(pixCopy(nullptr, text.get()));
    for (int y = 0; y < 1754; ++y) {
        const int shade = 100 * y / 1754;
        for (int x = 0; x < 1240; ++x) {
            l_uint32 v = 0;
            pixGetPixel(uneven.get(), x, y, &v);
            pixSetPixel(uneven.get(), x, y, v > 128 ? 250 - shade : 20);
        }
    }
    auto binarized = PreparePage(*uneven);
    ASSERT_TRUE(binarized);
    EXPECT_TRUE(binarized->binarized);
    EXPECT_EQ(pixGetDepth(binarized->ocr.get()), 1);
    EXPECT_EQ(pixGetDepth(binarized->display.get()), 8);
}

}  // namespace
}  // namespace precinct::digitize
