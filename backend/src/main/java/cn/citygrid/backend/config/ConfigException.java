package cn.citygrid.backend.config;

/** Invalid configuration; the message names the key. Thrown at start, before anything listens. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
