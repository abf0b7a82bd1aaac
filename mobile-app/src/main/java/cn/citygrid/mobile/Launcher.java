package cn.citygrid.mobile;

import javafx.application.Application;

/**
 * The entry point of the desktop build and of the GluonFX native image. A separate class from {@link GridApp}
 * because a main class that extends {@code Application} fails on the class path with "JavaFX runtime components
 * are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(GridApp.class, args);
    }
}
