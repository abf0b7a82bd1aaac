package cn.citygrid.geo.gridtools;

/** A unit grid named by code. */
public record GridRef(String code, String name, String communityCode) {}
