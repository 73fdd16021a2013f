package io.pottery.examples;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds {@code synchronized} blocks in compiled classes: the methods whose bytecode has a {@code monitorenter}
 * instruction (opcode {@code 0xC2}). ArchUnit sees {@code synchronized} methods (a modifier) and calls to
 * {@code Object.wait}, but not {@code synchronized (x) { … }} blocks, which compile to that instruction only.
 * The scan walks each method's code instruction by instruction (operand lengths per the JVM specification,
 * §6.5), so a {@code 0xC2} byte inside an operand or the constant pool is never mistaken for one.
 */
final class MonitorEnterScan {
  private static final int MONITORENTER = 0xC2;

  private MonitorEnterScan() {}

  /**
   * The methods with a {@code synchronized} block among the classes at {@code location} (a classes directory
   * or a jar), as {@code com.example.Foo.bar}, and how many classes were read (a scan of nothing proves nothing).
   */
  static Result scan(Path location) {
    List<String> found = new ArrayList<>();
    int classes = 0;
    try {
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
            if (!file.getFileName().toString().equals("module-info.class")) {
              found.addAll(methodsWithMonitorEnter(Files.readAllBytes(file)));
              classes++;
            }
          }
        }
      } else {
        try (ZipFile jar = new ZipFile(location.toFile())) {
          for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")
                && !entry.getName().startsWith("META-INF/")) {
              try (InputStream in = jar.getInputStream(entry)) {
                found.addAll(methodsWithMonitorEnter(in.readAllBytes()));
              }
              classes++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the classes at " + location, e);
    }
    return new Result(found, classes);
  }

  /** What a scan found: methods with a {@code synchronized} block, and the number of classes read. */
  record Result(List<String> methods, int classes) {}

  /** The methods of one class file whose code has a {@code monitorenter}. */
  static List<String> methodsWithMonitorEnter(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // eight-byte constants take two slots
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access flags
    String className = utf8[classNameIndex[in.readUnsignedShort()]].replace('/', '.');
    in.readUnsignedShort(); // super class
    in.skipBytes(2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      in.skipBytes(6);
      skipAttributes(in);
    }
    List<String> found = new ArrayList<>();
    int methods = in.readUnsignedShort();
    for (int i = 0; i < methods; i++) {
      in.readUnsignedShort(); // access flags
      String name = utf8[in.readUnsignedShort()];
      in.readUnsignedShort(); // descriptor
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = utf8[in.readUnsignedShort()];
        int length = in.readInt();
        byte[] body = in.readNBytes(length);
        if ("Code".equals(attribute) && hasMonitorEnter(body)) {
          found.add(className + "." + name);
        }
      }
    }
    return found;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attributes = in.readUnsignedShort();
    for (int a = 0; a < attributes; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }

  /** Walks the instructions of a {@code Code} attribute's body. */
  private static boolean hasMonitorEnter(byte[] codeAttribute) {
    int codeLength = readInt(codeAttribute, 4); // after max_stack and max_locals
    int start = 8;
    int pc = 0;
    while (pc < codeLength) {
      int opcode = codeAttribute[start + pc] & 0xFF;
      if (opcode == MONITORENTER) {
        return true;
      }
      pc += length(codeAttribute, start, pc, opcode);
    }
    return false;
  }

  /** The length of the instruction at {@code pc}, operands included (JVMS §6.5). */
  private static int length(byte[] code, int start, int pc, int opcode) {
    switch (opcode) {
      case 0x10, 0x12, 0x15, 0x16, 0x17, 0x18, 0x19, 0x36, 0x37, 0x38, 0x39, 0x3A, 0xA9, 0xBC:
        return 2;
      case 0x11, 0x13, 0x14, 0x84, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xBB, 0xBD, 0xC0, 0xC1, 0xC6, 0xC7:
        return 3;
      case 0xC5:
        return 4;
      case 0xB9, 0xBA, 0xC8, 0xC9:
        return 5;
      case 0xC4: // wide
        return (code[start + pc + 1] & 0xFF) == 0x84 ? 6 : 4;
      case 0xAA: { // tableswitch
        int at = pc + 1 + ((4 - (pc + 1) % 4) % 4);
        int low = readInt(code, start + at + 4);
        int high = readInt(code, start + at + 8);
        return at - pc + 12 + 4 * (high - low + 1);
      }
      case 0xAB: { // lookupswitch
        int at = pc + 1 + ((4 - (pc + 1) % 4) % 4);
        int pairs = readInt(code, start + at + 4);
        return at - pc + 8 + 8 * pairs;
      }
      default:
        if (opcode >= 0x99 && opcode <= 0xA8) {
          return 3; // if<cond>, if_icmp<cond>, if_acmp<cond>, goto, jsr
        }
        return 1;
    }
  }

  private static int readInt(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
        | (bytes[at + 3] & 0xFF);
  }
}
