#include <cstdio>
int main() {
    std::puts("vigil: not yet");
    return 0;
}
