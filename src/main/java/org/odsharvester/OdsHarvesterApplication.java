package org.odsharvester;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OdsHarvesterApplication {
    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(OdsHarvesterApplication.class, args)));
    }
}
