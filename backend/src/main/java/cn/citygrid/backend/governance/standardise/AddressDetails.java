package cn.citygrid.backend.governance.standardise;

import cn.citygrid.backend.governance.standardise.AddressTokens.Token;
import cn.citygrid.backend.governance.standardise.AddressTokens.Type;
import java.util.List;

/**
 * Assigns the tokens after an address's regions to road, number, place (estate or building name),
 * building, unit, floor and room, in the order addresses are written; anything out of order or
 * unrecognised is kept, in order, as the remainder.
 */
final class AddressDetails {
  /** The parts; null when absent. {@code floorWritten} is false when the floor was derived from the room. */
  record Details(String road, String number, String place, String building, String unit, Integer floor,
      boolean floorWritten, String room, String remainder) {}

  private String road;
  private String number;
  private final StringBuilder place = new StringBuilder();
  private String building;
  private String unit;
  private Integer floor;
  private String room;
  private final StringBuilder remainder = new StringBuilder();
  private final ChangeLog log;

  private AddressDetails(ChangeLog log) {
    this.log = log;
  }

  static Details parse(String text, int from, ChangeLog log) {
    List<Token> tokens = AddressTokens.tokenise(text, from, log);
    AddressDetails d = new AddressDetails(log);
    for (int i = 0; i < tokens.size(); i++) {
      i = d.take(tokens, i);
    }
    return d.details();
  }

  /** Takes token {@code i}; returns the index of the last token consumed. */
  private int take(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    switch (t.type()) {
      case TEXT -> text(t.value(), i == 0);
      case NUMBER -> number(t);
      case BUILDING -> building(t);
      case UNIT -> assign(unit == null && beforeFloor(), t, () -> unit = t.value());
      case FLOOR -> {
        return floor(tokens, i);
      }
      case ROOM -> room(t);
      default -> bare(t);
    }
    return i;
  }

  private void text(String value, boolean first) {
    String r = first ? roadPrefix(value) : null;
    if (r != null) {
      road = r;
      value = value.substring(r.length());
    }
    if (value.isEmpty()) {
      return;
    }
    if (building == null && unit == null && floor == null && room == null) {
      place.append(value);
    } else {
      remainder.append(value);
    }
  }

  private void number(Token t) {
    if (number == null && building == null && beforeFloor() && unit == null) {
      number = t.value();
    } else if (room == null) {
      room(new Token(Type.ROOM, t.value(), t.suffix()));
    } else {
      remainder.append(t.value()).append(t.suffix());
    }
  }

  private void building(Token t) {
    if (building == null && unit == null && beforeFloor()) {
      building = t.value();
      if (!t.suffix().equals("栋")) {
        log.add(Change.BUILDING_SUFFIX);
      }
    } else {
      remainder.append(t.value()).append(t.suffix());
    }
  }

  private int floor(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (!beforeFloor() || !Text.allDigits(t.value())) {
      remainder.append(t.value()).append(t.suffix());
      return i;
    }
    floor = Integer.parseInt(t.value());
    Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
    if (next != null && (next.type() == Type.BARE || next.type() == Type.ROOM) && Text.allDigits(next.value())) {
      room = next.value().length() <= 2 ? floor + (next.value().length() == 1 ? "0" : "") + next.value() : next.value();
      log.add(Change.FLOOR_ROOM_JOINED);
      return i + 1;
    }
    return i;
  }

  private void room(Token t) {
    if (room == null) {
      room = t.value();
      if (!t.suffix().isEmpty()) {
        log.add(Change.ROOM_SUFFIX);
      }
    } else {
      remainder.append(t.value()).append(t.suffix());
    }
  }

  private void bare(Token t) {
    if (number == null && road != null && place.length() == 0 && building == null && unit == null && beforeFloor()) {
      number = t.value();
      log.add(Change.NUMBER_SUFFIX);
    } else {
      assign(room == null, t, () -> room = t.value());
    }
  }

  private void assign(boolean fits, Token t, Runnable set) {
    if (fits) {
      set.run();
    } else {
      remainder.append(t.value()).append(t.suffix());
    }
  }

  private boolean beforeFloor() {
    return floor == null && room == null;
  }

  private Details details() {
    boolean floorWritten = floor != null;
    Integer f = floor;
    if (f == null && room != null && (room.length() == 3 || room.length() == 4) && Text.allDigits(room)) {
      f = Integer.parseInt(room.substring(0, room.length() - 2));
    }
    return new Details(road, number, place.length() == 0 ? null : place.toString(), building, unit, f, floorWritten, room,
        remainder.length() == 0 ? null : remainder.toString());
  }

  /** The text up to and including the first road suffix (路, 大道, 大街, 街, 巷, 道), or null. */
  static String roadPrefix(String s) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (s.startsWith("大道", i) || s.startsWith("大街", i)) {
        return s.substring(0, i + 2);
      }
      boolean street = c == '街' && !s.startsWith("街道", i);
      boolean way = c == '道' && s.charAt(i - 1) != '街' && s.charAt(i - 1) != '大';
      if (c == '路' || c == '巷' || street || way) {
        return s.substring(0, i + 1);
      }
    }
    return null;
  }
}
