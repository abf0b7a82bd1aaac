package cn.citygrid.backend.demo;

/** Unit grid codes in the GB/T 30428.1 layout: the community's 12 digits and a 3-digit sequence. */
final class GridCodes {
  private GridCodes() {}

  static String grid(String communityCode, int sequence) {
    if (communityCode.length() != 12 || sequence < 1 || sequence > 999) {
      throw new IllegalArgumentException("community code of 12 digits and sequence 1..999, got "
          + communityCode + " / " + sequence);
    }
    return communityCode + String.format("%03d", sequence);
  }
}
