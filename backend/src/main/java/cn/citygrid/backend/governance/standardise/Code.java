package cn.citygrid.backend.governance.standardise;

/** One entry of a code dictionary: the code stored in our tables and its names. */
public record Code(String code, String nameZh, String nameEn) {}
