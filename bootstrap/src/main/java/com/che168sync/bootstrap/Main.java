package com.che168sync.bootstrap;

/** Entry point of {@code ./che168}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("che168-sync");
    }
}
