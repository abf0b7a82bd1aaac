package cn.citygrid.backend.governance;

/** A standardised address: the canonical text (matched against house addresses) and its community, if resolved. */
public record AddressValue(String standardForm, String communityCode) {}
